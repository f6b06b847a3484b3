"""A data-cleaning script driven by a spec: messy CSV in, clean Parquet and a JSON report out.

    python cleaning.py messy_titanic.csv titanic.toml clean.parquet report.json

The spec (TOML) lists the columns and what a clean value of each looks like. The rules run in
this order, each one vectorised (whole columns at a time, no Python loop over rows):

1. missing-value markers ("?", "N/A", "unknown", ...) become missing, in every column;
2. each column of the spec is normalised by its type: text (spaces), category (case, spaces,
   aliases), integer and float (units, currency, thousands separators), date (several formats);
3. numbers outside the column's [min, max] are impossible: they become missing;
4. duplicate rows (identical once normalised) are dropped, the first one kept;
5. outliers are flagged in a `<column>_outlier` column, never dropped.

`clean` returns the clean frame and a report that counts, rule by rule and column by column,
the cells each rule changed, so nothing happens to the data without a trace.
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

TYPES = ("text", "category", "integer", "float", "date")
RULES = ("missing", "text", "category", "number", "date", "invalid", "impossible", "outliers")
DEFAULT_MARKERS = ("", "?", "-", "na", "n/a", "nan", "null", "none", "unknown")

# Runs of whitespace: spaces, tabs, line breaks, no-break spaces. (An explicit class rather
# than \s lets pandas hand the regular expression to pyarrow, several times faster.)
WHITESPACE = "[ \t\n\r\f\v\u00a0]+"

# A number as a plain reader writes it: a sign, digits, a decimal part; nothing else.
PLAIN_NUMBER = r"[-+]?[0-9]+(\.[0-9]+)?"

# A number with an optional currency or word before it and an optional unit after it:
# "£7.25", "7.25 GBP", "22 years", "class 3", "1,234.5" (commas between groups of three
# digits). Anything else that contains digits ("12-15", "1.2.3", "1,23") is not a number.
# ([0-9] rather than \d, for pyarrow too: pandas runs \d in Python on non-ASCII text, "£".)
NUMBER = (
    r"^[^0-9.+-]*"  # currency or words before the number: "£", "GBP ", "class "
    r"(?P<number>[-+]?(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?|[-+]?\.[0-9]+)"
    r"[^0-9]*$"  # a unit after it, without digits: " GBP", " years", "kg"
)


# --- the rules: one column in, one column out ---------------------------------------------


def normalize_missing(series: pd.Series, markers: Iterable[str]) -> pd.Series:
    """Cells whose text is a missing-value marker become missing; other cells are unchanged.

    A cell matches a marker when they are equal after stripping surrounding whitespace and
    ignoring case: with markers ["n/a", "?"], " N/A " and "?" become missing, "Nancy" stays.
    """
    wanted = {marker.strip().lower() for marker in markers}
    key = series.str.strip().str.lower()
    return series.mask(key.isin(wanted))


def normalize_text(series: pd.Series) -> pd.Series:
    """Strip surrounding whitespace and collapse inner runs of whitespace to one space."""
    return series.str.replace(WHITESPACE, " ", regex=True).str.strip()


def normalize_category(
    series: pd.Series, categories: Sequence[str], aliases: Mapping[str, str] | None = None
) -> pd.Series:
    """Map each cell to its category's canonical spelling; unknown values become missing.

    Case, surrounding spaces and repeated inner spaces do not matter (" MALE " -> "male");
    `aliases` maps other names to a category ({"m": "male"}), with the same tolerance.
    Returns a pandas categorical whose categories are `categories`, in that order.
    """
    lookup = {category.lower(): category for category in categories}
    for alias, target in (aliases or {}).items():
        if target not in categories:
            raise ValueError(
                f"alias {alias!r} maps to {target!r}, which is not one of {list(categories)}"
            )
        lookup[" ".join(alias.split()).lower()] = target
    key = normalize_text(series).str.lower()
    values = pd.Categorical(key.map(lookup), categories=list(categories))
    return pd.Series(values, index=series.index, name=series.name)


def parse_number(series: pd.Series) -> pd.Series:
    """Numbers written as text, with units, currency or thousands separators -> float64.

    "7.25", " 3 ", "£7.25", "7.25 GBP", "22 years", "1,234.5" all read as numbers; a cell
    that holds no number ("abc", "12-15") becomes missing (NaN).
    """
    text = series.str.strip()
    plain = text.str.fullmatch(PLAIN_NUMBER).fillna(False).astype(bool)
    values = text.where(plain).astype("float64")  # most cells: a fast, exact conversion
    rest = text.notna() & ~plain
    if rest.any():  # the others: find the number among currency, units and separators
        number = text[rest].str.extract(NUMBER, expand=False)
        values[rest] = number.str.replace(",", "", regex=False).astype("float64")
    return values


def parse_dates(series: pd.Series, formats: Sequence[str]) -> pd.Series:
    """Dates written in any of `formats` (strptime codes, tried in order) -> datetime64.

    Each cell is read with the first format that fits it; a cell no format fits becomes
    missing (NaT). Surrounding whitespace is ignored.
    """
    if not formats:
        raise ValueError("parse_dates needs at least one format, such as '%Y-%m-%d'")
    text = series.str.strip()
    dates = pd.to_datetime(text, format=formats[0], errors="coerce")
    for fmt in formats[1:]:
        todo = dates.isna() & text.notna()
        if not todo.any():
            break
        dates[todo] = pd.to_datetime(text[todo], format=fmt, errors="coerce")
    return dates


def mask_impossible(
    series: pd.Series, low: float | None = None, high: float | None = None
) -> pd.Series:
    """Numbers outside [low, high] (bounds included, None for no bound) become missing."""
    outside = pd.Series(False, index=series.index)
    if low is not None:
        outside |= (series < low).fillna(False).astype(bool)
    if high is not None:
        outside |= (series > high).fillna(False).astype(bool)
    return series.mask(outside)


def drop_duplicates(df: pd.DataFrame) -> pd.DataFrame:
    """Drop rows identical to an earlier row (missing values count as equal).

    Keeps the first of each group, in the original order, with a fresh index 0..n-1.
    """
    return df.drop_duplicates(keep="first", ignore_index=True)


def flag_outliers(series: pd.Series, method: str = "iqr", k: float = 1.5) -> pd.Series:
    """True where a number is an outlier; missing values are never outliers.

    "iqr": below Q1 - k * IQR or above Q3 + k * IQR, with the quartiles of
    `Series.quantile` (linear interpolation) and IQR = Q3 - Q1.
    "zscore": |x - mean| > k * std, with pandas' `mean()` and `std()` (ddof=1).
    Missing values are left out of the quartiles, the mean and the std.
    """
    values = series.astype("float64")
    if method == "iqr":
        q1, q3 = values.quantile([0.25, 0.75])
        low, high = q1 - k * (q3 - q1), q3 + k * (q3 - q1)
    elif method == "zscore":
        mean, std = values.mean(), values.std()
        low, high = mean - k * std, mean + k * std
    else:
        raise ValueError(f"method must be 'iqr' or 'zscore', not {method!r}")
    return ((values < low) | (values > high)).astype(bool)  # NaN compares False


# --- the pipeline ---------------------------------------------------------------------------


def load_spec(path: Path) -> dict[str, Any]:
    """Read a cleaning spec (TOML) and check its shape; a problem is one ValueError line."""
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


def _count(mask: pd.Series) -> int:
    return int(mask.sum())


def clean(df: pd.DataFrame, spec: Mapping[str, Any]) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Apply the spec's rules to `df` (every cell text); return the clean frame and a report.

    `df` is left as it was. The rules run in the order of the module's docstring, and the
    report counts what each one did (BRIEF.md defines each count):

        {"rows_in": 1335, "rows_out": 1309, "rows_dropped": {"duplicates": 26},
         "cells": {"missing": {"age": 263, ...}, "text": {...}, "category": {...},
                   "number": {...}, "date": {...}, "invalid": {...}, "impossible": {...},
                   "outliers": {...}}}

    A column of the spec that is not in `df` raises ValueError naming it.
    """
    cells: dict[str, dict[str, int]] = {rule: {} for rule in RULES}
    out = df.copy()

    markers = spec.get("missing", DEFAULT_MARKERS)
    for name in out.columns:
        before = out[name]
        out[name] = normalize_missing(before, markers)
        cells["missing"][name] = _count(before.notna() & out[name].isna())

    for column in spec["columns"]:
        name, kind = column["name"], column["type"]
        if name not in out.columns:
            raise ValueError(
                f"column {name!r} of the spec is not in the data, whose columns are "
                f"{', '.join(map(str, df.columns))}"
            )
        text = out[name]
        new: pd.Series
        if kind == "text":
            new = normalize_text(text)
            cells["text"][name] = _count(new.notna() & (new != text))
        elif kind == "category":
            new = normalize_category(text, column["categories"], column.get("aliases"))
            cells["category"][name] = _count(new.notna() & (new.astype(object) != text))
        elif kind in ("integer", "float"):
            new = parse_number(text)
            plain = text.str.strip().str.fullmatch(PLAIN_NUMBER).fillna(False).astype(bool)
            cells["number"][name] = _count(new.notna() & ~plain)
            if kind == "integer":
                new = new.where(new % 1 == 0).astype("Int64")  # 2.5 is no integer: invalid
        elif kind == "date":
            formats = column["formats"]
            new = parse_dates(text, formats)
            first = pd.to_datetime(text.str.strip(), format=formats[0], errors="coerce")
            cells["date"][name] = _count(new.notna() & first.isna())
        else:
            raise ValueError(f"column {name!r}: unknown type {kind!r}")
        if kind != "text":
            cells["invalid"][name] = _count(text.notna() & new.isna())
        if kind in ("integer", "float") and ("min" in column or "max" in column):
            masked = mask_impossible(new, column.get("min"), column.get("max"))
            cells["impossible"][name] = _count(new.notna() & masked.isna())
            new = masked
        out[name] = new

    rows = len(out)
    if spec.get("drop_duplicates", True):
        out = drop_duplicates(out)

    for column in spec["columns"]:
        outliers = column.get("outliers")
        if outliers:
            name = column["name"]
            flags = flag_outliers(out[name], outliers["method"], outliers.get("k", 1.5))
            out[f"{name}_outlier"] = flags
            cells["outliers"][name] = _count(flags)

    report = {
        "rows_in": len(df),
        "rows_out": len(out),
        "rows_dropped": {"duplicates": rows - len(out)},
        "cells": cells,
    }
    return out, report


def main(argv: Sequence[str] | None = None) -> int:
    """The command line: clean INPUT with SPEC, write OUTPUT (Parquet) and REPORT (JSON).

    Returns 0 on success; on a missing file or a bad spec, prints one line to stderr and
    returns 1.
    """
    parser = argparse.ArgumentParser(
        prog="cleaning", description="Clean a messy CSV file as a TOML spec says."
    )
    parser.add_argument("input", type=Path, help="the messy CSV file")
    parser.add_argument("spec", type=Path, help="the cleaning spec (TOML)")
    parser.add_argument("output", type=Path, help="the clean Parquet file to write")
    parser.add_argument("report", type=Path, help="the JSON report to write")
    args = parser.parse_args(argv)
    try:
        spec = load_spec(args.spec)
        # Every cell as text, and no guessing of missing values: the rules decide.
        df = pd.read_csv(args.input, dtype=str, keep_default_na=False)
        cleaned, report = clean(df, spec)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        cleaned.to_parquet(args.output, index=False)
        args.report.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    except (OSError, ValueError, KeyError) as exc:  # TOML, CSV and Parquet errors included
        print(f"cleaning: error: {exc}", file=sys.stderr)
        return 1
    changed = sum(sum(per_column.values()) for per_column in report["cells"].values())
    print(
        f"{args.input}: {report['rows_in']} rows in, {report['rows_out']} rows out, "
        f"{changed} cells changed -> {args.output}, {args.report}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
