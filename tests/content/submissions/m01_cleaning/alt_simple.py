"""A correct m01-cleaning written another way: plainer pandas, other regexes, other counts.

Held back for the tests: the checks must pass it as well as the reference solution.
"""

import argparse
import json
import sys
import tomllib

import pandas as pd

RULES = ["missing", "text", "category", "number", "date", "invalid", "impossible", "outliers"]


def normalize_missing(series, markers):
    markers = [m.strip().lower() for m in markers]
    return series.where(~series.str.strip().str.lower().isin(markers), None)


def normalize_text(series):
    return series.str.replace(r"\s+", " ", regex=True).str.strip()


def normalize_category(series, categories, aliases=None):
    lookup = {}
    for category in categories:
        lookup[category.lower()] = category
    for alias, category in (aliases or {}).items():
        lookup[alias.lower()] = category
    return normalize_text(series).str.lower().map(lookup)


def parse_number(series):
    digits = series.str.replace(",", "").str.replace(r"[^0-9.\-]", "", regex=True)
    return pd.to_numeric(digits, errors="coerce").astype(float)


def parse_dates(series, formats):
    text = series.str.strip()
    result = pd.Series(pd.NaT, index=series.index, dtype="datetime64[ns]")
    for fmt in formats:
        result = result.fillna(pd.to_datetime(text, format=fmt, errors="coerce"))
    return result


def mask_impossible(series, low=None, high=None):
    keep = pd.Series(True, index=series.index)
    if low is not None:
        keep = keep & ~(series < low).fillna(False)
    if high is not None:
        keep = keep & ~(series > high).fillna(False)
    return series.where(keep)


def drop_duplicates(df):
    return df[~df.duplicated()].reset_index(drop=True)


def flag_outliers(series, method="iqr", k=1.5):
    x = series.astype(float)
    if method == "zscore":
        z = (x - x.mean()) / x.std()
        return (z.abs() > k).fillna(False).astype(bool)
    if method == "iqr":
        q1 = x.quantile(0.25)
        q3 = x.quantile(0.75)
        iqr = q3 - q1
        return ((x < q1 - k * iqr) | (x > q3 + k * iqr)).astype(bool)
    raise ValueError("unknown method " + str(method))


def load_spec(path):
    with open(path, "rb") as f:
        return tomllib.load(f)


def changed(before, after):
    return int((after.notna() & (after.astype(object) != before.astype(object))).sum())


def lost(before, after):
    return int((before.notna() & after.isna()).sum())


def clean(df, spec):
    counts = {rule: {} for rule in RULES}
    out = df.copy()
    for col in out.columns:
        new = normalize_missing(out[col], spec.get("missing", ["", "?", "n/a", "na"]))
        counts["missing"][col] = lost(out[col], new)
        out[col] = new
    for column in spec["columns"]:
        name = column["name"]
        if name not in out.columns:
            raise ValueError("the CSV has no column " + name)
        old = out[name]
        kind = column["type"]
        if kind == "text":
            new = normalize_text(old)
            counts["text"][name] = changed(old, new)
        elif kind == "category":
            new = normalize_category(old, column["categories"], column.get("aliases"))
            counts["category"][name] = changed(old, new)
            counts["invalid"][name] = lost(old, new)
        elif kind == "date":
            new = parse_dates(old, column["formats"])
            first_only = parse_dates(old, column["formats"][:1])
            counts["date"][name] = int((new.notna() & first_only.isna()).sum())
            counts["invalid"][name] = lost(old, new)
        else:
            new = parse_number(old)
            plain = old.str.strip().str.fullmatch(r"[-+]?\d+(\.\d+)?") == True  # noqa: E712
            counts["number"][name] = int((new.notna() & ~plain).sum())
            if kind == "integer":
                new = new.where(new == new.round()).astype("Int64")
            counts["invalid"][name] = lost(old, new)
            if column.get("min") is not None or column.get("max") is not None:
                masked = mask_impossible(new, column.get("min"), column.get("max"))
                counts["impossible"][name] = lost(new, masked)
                new = masked
        out[name] = new
    before = len(out)
    if spec.get("drop_duplicates", True):
        out = drop_duplicates(out)
    for column in spec["columns"]:
        if "outliers" in column:
            rule = column["outliers"]
            flags = flag_outliers(out[column["name"]], rule["method"], rule.get("k", 1.5))
            out[column["name"] + "_outlier"] = flags
            counts["outliers"][column["name"]] = int(flags.sum())
    report = {
        "rows_in": len(df),
        "rows_out": len(out),
        "rows_dropped": {"duplicates": before - len(out)},
        "cells": counts,
    }
    return out, report


def main(argv=None):
    parser = argparse.ArgumentParser()
    for name in ("input", "spec", "output", "report"):
        parser.add_argument(name)
    args = parser.parse_args(argv)
    try:
        spec = load_spec(args.spec)
        df = pd.read_csv(args.input, dtype=str, keep_default_na=False)
        out, report = clean(df, spec)
    except (OSError, ValueError, KeyError) as error:
        print("error:", error, file=sys.stderr)
        return 1
    out.to_parquet(args.output, index=False)
    with open(args.report, "w") as f:
        json.dump(report, f, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
