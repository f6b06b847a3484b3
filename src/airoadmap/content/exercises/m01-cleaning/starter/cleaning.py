"""A data-cleaning script driven by a spec: messy CSV in, clean Parquet and a JSON report out.

    python cleaning.py messy_titanic.csv titanic.toml clean.parquet report.json

Fill in every function marked "# TODO:", top to bottom, and run `airoadmap check
m01-cleaning` as you go: a function you have not started reads NOT ATTEMPTED, not FAIL.
BRIEF.md gives the exact contract of each function and the order of the rules; `airoadmap
hint m01-cleaning` helps when you are stuck.

Work on whole columns (pandas Series) at a time: the .str accessor, .isin, .mask, .map,
pd.to_numeric, pd.to_datetime. No Python loop over the rows: the script must clean a
million rows in seconds.
"""

from __future__ import annotations

import argparse  # noqa: F401 (for main)
import json  # noqa: F401 (for main)
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

TYPES = ("text", "category", "integer", "float", "date")
RULES = ("missing", "text", "category", "number", "date", "invalid", "impossible", "outliers")
DEFAULT_MARKERS = ("", "?", "-", "na", "n/a", "nan", "null", "none", "unknown")

# A number as a plain reader writes it: a sign, digits, a decimal part; nothing else.
# (Useful for the report's "number" count: series.str.fullmatch(PLAIN_NUMBER).)
PLAIN_NUMBER = r"[-+]?[0-9]+(\.[0-9]+)?"


# --- the rules: one column in, one column out ---------------------------------------------


def normalize_missing(series: pd.Series, markers: Iterable[str]) -> pd.Series:
    """Cells whose text is a missing-value marker become missing; other cells are unchanged.

    A cell matches a marker when they are equal after stripping surrounding whitespace and
    ignoring case: with markers ["n/a", "?"], " N/A " and "?" become missing, "Nancy" stays.
    """
    # TODO: normalise the markers and the cells (strip, lower), then mask the cells found
    # among the markers.
    raise NotImplementedError("normalize_missing")


def normalize_text(series: pd.Series) -> pd.Series:
    """Strip surrounding whitespace and collapse inner runs of whitespace to one space."""
    # TODO: " Allen,  Miss.\tElisabeth " -> "Allen, Miss. Elisabeth"; missing stays missing.
    raise NotImplementedError("normalize_text")


def normalize_category(
    series: pd.Series, categories: Sequence[str], aliases: Mapping[str, str] | None = None
) -> pd.Series:
    """Map each cell to its category's canonical spelling; unknown values become missing.

    Case, surrounding spaces and repeated inner spaces do not matter (" MALE " -> "male");
    `aliases` maps other names to a category ({"m": "male"}), with the same tolerance.
    Returns text, or a pandas categorical whose categories are `categories`.
    """
    # TODO: build a dict from every accepted spelling (lower case) to its category, then
    # look each normalised cell up in it.
    raise NotImplementedError("normalize_category")


def parse_number(series: pd.Series) -> pd.Series:
    """Numbers written as text, with units, currency or thousands separators -> float64.

    "7.25", " 3 ", "£7.25", "7.25 GBP", "22 years", "1,234.5" all read as numbers; a cell
    that holds no number ("abc") becomes missing (NaN).
    """
    # TODO: remove the thousands separators, find the number in each cell, convert to
    # float64 with NaN where there is none.
    raise NotImplementedError("parse_number")


def parse_dates(series: pd.Series, formats: Sequence[str]) -> pd.Series:
    """Dates written in any of `formats` (strptime codes, tried in order) -> datetime64.

    Each cell is read with the first format that fits it; a cell no format fits becomes
    missing (NaT). Surrounding whitespace is ignored.
    """
    # TODO: read with the first format, then fill the cells still unread with the next
    # format, and so on. Never let pandas guess a format.
    raise NotImplementedError("parse_dates")


def mask_impossible(
    series: pd.Series, low: float | None = None, high: float | None = None
) -> pd.Series:
    """Numbers outside [low, high] (bounds included, None for no bound) become missing."""
    # TODO: a boolean Series "outside the bounds", then mask it. Keep the dtype (Int64 stays
    # Int64).
    raise NotImplementedError("mask_impossible")


def drop_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows identical to an earlier row (missing values count as equal).

    Keeps the first of each group, in the original order, with a fresh index 0..n-1.
    """
    # TODO: one pandas call.
    raise NotImplementedError("drop_duplicates")


def flag_outliers(series: pd.Series, method: str = "iqr", k: float = 1.5) -> pd.Series:
    """True where a number is an outlier; missing values are never outliers.

    "iqr": below Q1 - k * IQR or above Q3 + k * IQR, with the quartiles of
    `Series.quantile` (linear interpolation) and IQR = Q3 - Q1.
    "zscore": |x - mean| > k * std, with pandas' `mean()` and `std()` (ddof=1).
    Missing values are left out of the quartiles, the mean and the std. Any other method
    raises ValueError.
    """
    # TODO: compute the two fences of the method, return (values < low) | (values > high)
    # as bool. Flag, never drop: the result has one value per cell of `series`.
    raise NotImplementedError("flag_outliers")


# --- the pipeline ---------------------------------------------------------------------------


def load_spec(path: Path) -> dict[str, Any]:
    """Read a cleaning spec (TOML) and check its shape; a problem is one ValueError line.

    (Written for you: reading the spec is not the point of the exercise.)
    """
    with open(path, "rb") as f:
        spec = tomllib.load(f)
    columns = spec.get("columns")
    if not isinstance(columns, list) or not columns:
        raise ValueError(f"{path}: the spec needs at least one [[columns]] table")
    for i, column in enumerate(columns):
        if "name" not in column:
            raise ValueError(f"{path}: columns[{i}] has no name")
        if column.get("type") not in TYPES:
            raise ValueError(
                f"{path}: column {column['name']!r}: type must be one of {', '.join(TYPES)}, "
                f"not {column.get('type')!r}"
            )
    return spec


def clean(df: pd.DataFrame, spec: Mapping[str, Any]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Apply the spec's rules to `df` (every cell text); return the clean frame and a report.

    `df` is left as it was. The rules run in this order:
    1. normalize_missing on every column, with spec["missing"] (DEFAULT_MARKERS if absent);
    2. each column of spec["columns"] by its "type": text, category, integer, float, date;
    3. mask_impossible on numeric columns with "min" and/or "max";
    4. drop_duplicates, if spec.get("drop_duplicates", True);
    5. flag_outliers for columns with "outliers", into a new column "<name>_outlier".

    The report (BRIEF.md says what each count counts):

        {"rows_in": 1335, "rows_out": 1309, "rows_dropped": {"duplicates": 26},
         "cells": {"missing": {"age": 270, ...}, "text": {...}, "category": {...},
                   "number": {...}, "date": {...}, "invalid": {...}, "impossible": {...},
                   "outliers": {...}}}

    A column of the spec that is not in `df` raises ValueError naming it.
    """
    # TODO: out = df.copy(); apply the rules in order, counting what each one changes.
    raise NotImplementedError("clean")


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: clean INPUT with SPEC, write OUTPUT (Parquet) and REPORT (JSON).

    Returns 0 on success; on a missing file or a bad spec, prints one line to stderr and
    returns 1.
    """
    # TODO: argparse with four positional arguments (input, spec, output, report); then
    # load_spec, pd.read_csv(input, dtype=str, keep_default_na=False), clean, to_parquet,
    # the report as JSON. Catch OSError, ValueError and KeyError: one line on sys.stderr,
    # return 1.
    raise NotImplementedError("main")


if __name__ == "__main__":
    sys.exit(main())
