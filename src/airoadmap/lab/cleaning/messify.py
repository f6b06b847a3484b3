"""Make a messy copy of a clean table, reproducibly, and know what a perfect cleaner returns.

`make_messy(clean, seed, spec)` injects exactly the faults a cleaning spec promises to repair,
column by column as the spec types them, with a seeded generator (same seed, same mess):

==============  ===========================================================================
fault           what is injected (rates are per eligible cell, see RATES)
==============  ===========================================================================
missing         every missing value is written as a marker of the spec, in varied case and
                padding: "", "?", " N/A ", "Unknown", ...
text            text cells get a leading space, trailing spaces or a doubled inner space
category        categories in another case, padded, or as an alias ("M", " male", "Southampton")
number          numbers with a currency or a unit: "£7.25", "7.25 GBP", "22 years", "class 3"
date            dates in a format other than the spec's first one: "10/04/1912", "April 10, 1912"
impossible      numbers outside the column's [min, max]: a negative age, a fare of 1,513
duplicates      copies of whole rows, each placed after its original, with their own mess
==============  ===========================================================================

Outliers are not injected: the data have their own (fares of 512 pounds), and the cleaner
flags them. Impossible values go only into rows that have no copy, so a copy stays identical
to its original once both are cleaned.

`Messy.expected` is what a perfect cleaner returns: the clean rows in their order, typed, with
the impossible cells missing; `expected_output()` adds the outlier flags and
`expected_report()` the counts a correct report holds. Both are computed here, independently
of the exercise's solution, so they can judge it.
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.lab.cleaning.spec import titanic_spec

# Fraction of the eligible cells each fault hits (missing values: all of them).
RATES = {"text": 0.08, "category": 0.15, "number": 0.10, "date": 0.40, "impossible": 0.03}
DUPLICATE_RATE = 0.02

# Units and currencies written around the numbers of these columns ("{}" is the number).
UNITS: dict[str, tuple[str, ...]] = {
    "age": ("{} years", "{} yrs", "{}y"),
    "fare": ("£{}", "{} GBP", "GBP {}"),
    "pclass": ("class {}", "{} class"),
}

# The report's rules, in the order the cleaner applies them.
RULES = ("missing", "text", "category", "number", "date", "invalid", "impossible", "outliers")

SAILING = date(1912, 4, 10)  # Titanic left Southampton; tickets were bought before it
SALES_DAYS = 90

Spec = dict[str, Any]


@dataclass(frozen=True)
class Messy:
    """A messy table, what a perfect cleaner makes of it, and what was injected."""

    frame: pd.DataFrame  # every cell text, as the CSV holds it
    expected: pd.DataFrame  # the clean rows, typed, impossible cells missing; no flags yet
    injected: dict[str, dict[str, int]]  # rule -> column -> cells injected
    duplicates: int  # rows added as copies
    source_rows: np.ndarray  # for each messy row, the row of `expected` it came from
    spec: Spec = field(repr=False)
    seed: int = 0

    def expected_output(self) -> pd.DataFrame:
        """`expected` plus a `<name>_outlier` flag column per column with outlier rules."""
        out = self.expected.copy()
        for column in self.spec["columns"]:
            rule = column.get("outliers")
            if rule:
                values = out[column["name"]].astype("float64").to_numpy()
                flags = outlier_flags(values, rule["method"], rule.get("k", 1.5))
                out[f"{column['name']}_outlier"] = flags
        return out

    def expected_report(self) -> dict[str, Any]:
        """The counts of a correct report (see the exercise's brief for their meaning)."""
        cells: dict[str, dict[str, int]] = {rule: {} for rule in RULES}
        for rule, per_column in self.injected.items():
            cells[rule] = dict(per_column)
        output = self.expected_output()
        cells["outliers"] = {
            c["name"]: int(output[f"{c['name']}_outlier"].sum())
            for c in self.spec["columns"]
            if c.get("outliers")
        }
        return {
            "rows_in": len(self.frame),
            "rows_out": len(self.expected),
            "rows_dropped": {"duplicates": self.duplicates},
            "cells": cells,
        }


def outlier_flags(values: np.ndarray, method: str, k: float) -> np.ndarray:
    """Outliers of a float array (NaN is never one): IQR rule or |z-score| > k (ddof=1)."""
    present = values[~np.isnan(values)]
    if present.size == 0:
        return np.zeros(values.shape, dtype=bool)
    with np.errstate(invalid="ignore", divide="ignore"):
        if method == "iqr":
            q1, q3 = np.percentile(present, [25, 75])
            flags = (values < q1 - k * (q3 - q1)) | (values > q3 + k * (q3 - q1))
        elif method == "zscore":
            std = present.std(ddof=1) if present.size > 1 else np.nan
            flags = np.abs(values - present.mean()) / std > k
        else:
            raise ValueError(f"unknown outlier method {method!r}")
    return np.asarray(flags & ~np.isnan(values), dtype=bool)


# --- the clean reference --------------------------------------------------------------------


def ticket_dates(tickets: pd.Series) -> pd.Series:
    """A plausible purchase date per ticket, derived from its number (same ticket, same day).

    Up to 89 days before the sailing on 1912-04-10: the day offset is the CRC-32 of the
    ticket text modulo 90, so the column is reproducible without any random seed.
    """
    offsets = {t: zlib.crc32(str(t).encode()) % SALES_DAYS for t in tickets.dropna().unique()}
    days = tickets.map(offsets).astype("float64")
    return pd.Timestamp(SAILING) - pd.to_timedelta(days, unit="D")


def clean_titanic(raw: pd.DataFrame) -> pd.DataFrame:
    """The registry's Titanic as the clean reference of the exercise.

    Leaves out `boat` and `body` (known only after the sinking), writes text with single
    spaces, types the columns as the Titanic spec does (integers as nullable Int64), and adds
    `ticket_date` after `ticket`.
    """
    df = raw.drop(columns=["boat", "body"], errors="ignore").reset_index(drop=True)
    for name in ("name", "sex", "ticket", "cabin", "embarked", "home_dest"):
        df[name] = df[name].str.strip().str.replace(r"\s+", " ", regex=True)
    for name in ("pclass", "survived", "sibsp", "parch"):
        df[name] = df[name].astype("Int64")
    for name in ("age", "fare"):
        df[name] = df[name].astype("float64")
    df.insert(df.columns.get_loc("ticket") + 1, "ticket_date", ticket_dates(df["ticket"]))
    return df


def titanic_clean() -> pd.DataFrame:
    """The clean Titanic of the exercise, from the data set registry."""
    from airoadmap.datasets import load_frame

    return clean_titanic(load_frame("titanic"))


def resample(clean: pd.DataFrame, rows: int, seed: int) -> pd.DataFrame:
    """`rows` rows drawn with replacement, each with a unique `passenger_id` (first column).

    The id keeps the draws distinct, so the only duplicates are those `make_messy` adds.
    """
    rng = np.random.default_rng(seed)
    sample = clean.iloc[rng.integers(0, len(clean), size=rows)].reset_index(drop=True)
    sample.insert(0, "passenger_id", pd.array(np.arange(1, rows + 1), dtype="Int64"))
    return sample


# --- the mess -------------------------------------------------------------------------------


def make_messy(clean: pd.DataFrame, seed: int, spec: Spec | None = None) -> Messy:
    """A messy copy of `clean` (typed as `spec` says; the Titanic spec by default).

    Every column of `spec` must be in `clean`; other columns only get missing-value markers.
    """
    spec = spec if spec is not None else titanic_spec().as_dict()
    columns = {c["name"]: c for c in spec["columns"]}
    absent = [name for name in columns if name not in clean.columns]
    if absent:
        raise ValueError(f"columns {absent} of the spec are not in the clean frame")
    rng = np.random.default_rng(seed)
    n = len(clean)

    # Copies of whole rows, each placed somewhere after its original.
    originals = rng.choice(n, size=round(DUPLICATE_RATE * n), replace=False)
    keys = np.concatenate([np.arange(n, dtype=float), originals + rng.uniform(0.25, n - originals)])
    order = np.argsort(keys, kind="stable")
    source_rows = np.concatenate([np.arange(n), originals])[order]
    protected = np.isin(source_rows, originals)  # rows with a copy: no irreversible fault

    markers = _marker_variants(spec.get("missing", [""]))
    expected = clean.reset_index(drop=True).copy()
    injected: dict[str, dict[str, int]] = {
        rule: {} for rule in ("missing", "text", "category", "number", "date", "invalid")
    }
    injected["impossible"] = {}
    texts: dict[str, np.ndarray] = {}
    for name in clean.columns:
        values = expected[name].iloc[source_rows].reset_index(drop=True)
        column = columns.get(name)
        text, counts, impossible = _mess_column(name, values, column, protected, rng)
        missing = values.isna().to_numpy()
        text[missing] = markers[rng.integers(0, len(markers), size=int(missing.sum()))]
        counts["missing"] = int(missing.sum())
        if column is not None and column["type"] != "text":
            counts["invalid"] = 0
        for rule, count in counts.items():
            injected[rule][name] = count
        if impossible.any():
            hit = np.zeros(n, dtype=bool)
            hit[source_rows[impossible]] = True
            expected[name] = expected[name].mask(hit)
        texts[name] = text
    frame = pd.DataFrame(texts)
    return Messy(
        frame=frame,
        expected=expected,
        injected=injected,
        duplicates=len(originals),
        source_rows=source_rows,
        spec=spec,
        seed=seed,
    )


def _marker_variants(markers: list[str]) -> np.ndarray:
    """Each marker as written in the wild: as is, upper case, title case, padded."""
    variants: list[str] = []
    for marker in markers:
        for variant in (marker, marker.upper(), marker.title(), f" {marker} "):
            if variant not in variants:
                variants.append(variant)
    return np.array(variants, dtype=object)


def _render(values: pd.Series, kind: str, formats: list[str] | None) -> np.ndarray:
    """Clean values as plain text (missing cells: None, replaced by markers later)."""
    if kind == "integer":
        text = values.astype("Int64").astype(str)
    elif kind == "float":
        text = values.astype("float64").astype(str)  # shortest text that reads back exactly
    elif kind == "date":
        text = values.dt.strftime((formats or ["%Y-%m-%d"])[0])
    else:
        text = values
    out = text.to_numpy(dtype=object, na_value=None)
    out[values.isna().to_numpy()] = None
    return out


def _mess_column(
    name: str,
    values: pd.Series,
    column: Spec | None,
    protected: np.ndarray,
    rng: np.random.Generator,
) -> tuple[np.ndarray, dict[str, int], np.ndarray]:
    """Text of one column with its type's faults; the counts; the cells made impossible."""
    kind = column["type"] if column else "text"
    n = len(values)
    present = values.notna().to_numpy()
    counts: dict[str, int] = {}
    impossible = np.zeros(n, dtype=bool)

    if kind in ("integer", "float") and column is not None:
        low, high = column.get("min"), column.get("max")
        if low is not None or high is not None:
            impossible = present & ~protected & (rng.random(n) < RATES["impossible"])
            numbers = values.astype("float64").to_numpy(copy=True)
            spread = 1 + np.abs(numbers)  # how far past the bound: -23 for an age of 22
            if low is not None and high is not None:
                wrong = np.where(rng.random(n) < 0.5, low - spread, high + spread)
            elif low is not None:
                wrong = low - spread
            else:
                wrong = high + spread
            numbers[impossible] = wrong[impossible]
            values = pd.Series(numbers, index=values.index)
            counts["impossible"] = int(impossible.sum())
        text = _render(values, kind, None)
        units = UNITS.get(name, ())
        if units:
            hit = present & ~impossible & (rng.random(n) < RATES["number"])
            pick = rng.integers(0, len(units), size=n)
            for i, unit in enumerate(units):
                at = hit & (pick == i)
                text[at] = [unit.format(t) for t in text[at]]
            counts["number"] = int(hit.sum())
        else:
            counts["number"] = 0
    elif kind == "date":
        formats = column["formats"] if column else ["%Y-%m-%d"]
        text = _render(values, kind, formats)
        others = formats[1:]
        hit = present & (rng.random(n) < RATES["date"]) if others else np.zeros(n, dtype=bool)
        pick = rng.integers(0, max(len(others), 1), size=n)
        for i, fmt in enumerate(others):
            at = hit & (pick == i)
            text[at] = values[at].dt.strftime(fmt).to_numpy(dtype=object)
        counts["date"] = int(hit.sum())
    elif kind == "category" and column is not None:
        text = _render(values, kind, None)
        hit = present & (rng.random(n) < RATES["category"])
        pick = rng.integers(0, 1 << 30, size=n)
        aliases = column.get("aliases") or {}
        for category in column["categories"]:
            variants = _category_variants(category, aliases)
            at = hit & (text == category)
            text[at] = variants[pick[at] % len(variants)]
        counts["category"] = int(hit.sum())
    else:  # text, or a column the spec does not name
        text = _render(values, "text", None)
        if column is not None:
            hit = present & (rng.random(n) < RATES["text"])
            how = rng.integers(0, 3, size=n)
            spaced = values.str.contains(" ", regex=False).fillna(False).to_numpy(dtype=bool)
            lead, trail = hit & (how == 0), hit & ((how == 1) | ((how == 2) & ~spaced))
            inner = hit & (how == 2) & spaced
            text[lead] = [" " + t for t in text[lead]]
            text[trail] = [t + "  " for t in text[trail]]
            text[inner] = [t.replace(" ", "  ", 1) for t in text[inner]]
            counts["text"] = int(hit.sum())
    return text, counts, impossible


def _category_variants(category: str, aliases: dict[str, str]) -> np.ndarray:
    """Ways to write `category` that a cleaner must map back to it (never the category itself)."""
    forms = [category.upper(), category.lower(), category.title(), f" {category}", f"{category} "]
    for alias, target in aliases.items():
        if target == category:
            forms += [alias, alias.upper(), alias.title()]
    unique = [f for i, f in enumerate(forms) if f != category and f not in forms[:i]]
    return np.array(unique, dtype=object)
