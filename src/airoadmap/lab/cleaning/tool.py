"""The reference cleaning tool: a validated spec, the exercise's rules, Parquet and a report.

    from airoadmap.lab.cleaning.tool import clean_file
    report = clean_file("messy.csv", "titanic.toml", "clean.parquet", "report.json")

The rules are those of the exercise's reference solution (`rules()` loads that file), so
what learners read is exactly what runs here. This module adds what a tool needs around
them: a strict spec reader with `file:line` errors, a check of the spec against the CSV's
columns, atomic writes and timings.
"""

from __future__ import annotations

import json
import os
import re
import time
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

import pandas as pd

from airoadmap.errors import AiroadmapError
from airoadmap.lab.cleaning.spec import EXERCISE, CleaningSpec, load_spec


@cache
def rules() -> ModuleType:
    """The exercise's reference `cleaning.py`: the rule functions, `clean` and `main`."""
    from airoadmap.lab.reference import reference_module

    return reference_module(EXERCISE, "cleaning")


def read_text_csv(path: Path) -> pd.DataFrame:
    """A CSV with every cell as text: no type guessing, no missing-value guessing."""
    try:
        return pd.read_csv(path, dtype=str, keep_default_na=False)
    except FileNotFoundError as exc:
        raise AiroadmapError(f"{path}: no such file: check the path of the messy CSV.") from exc
    except (OSError, ValueError, UnicodeDecodeError) as exc:
        what = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise AiroadmapError(f"{path}: cannot read it as CSV ({what}).") from exc


def check_columns(spec: CleaningSpec, spec_path: Path, frame: pd.DataFrame, source: Path) -> None:
    """Every column the spec names must be in the CSV; the error points at the spec's line."""
    for column in spec.columns:
        if column.name not in frame.columns:
            line = _line_of_name(spec_path, column.name)
            raise AiroadmapError(
                f"{spec_path}:{line}: column '{column.name}' is not in {source}, whose columns "
                f"are: {', '.join(map(str, frame.columns))}."
            )


def _line_of_name(spec_path: Path, name: str) -> int:
    try:
        lines = Path(spec_path).read_text(encoding="utf-8").splitlines()
    except OSError:
        return 1
    pattern = re.compile(rf"""^\s*name\s*=\s*["']{re.escape(name)}["']""")
    return next((i for i, line in enumerate(lines, 1) if pattern.match(line)), 1)


def clean_frame(frame: pd.DataFrame, spec: CleaningSpec) -> tuple[pd.DataFrame, dict[str, Any]]:
    """Clean a text frame with a validated spec: the clean frame and the report."""
    cleaned, report = rules().clean(frame, spec.as_dict())
    return cleaned, report


def _write_atomic(path: Path, write: Any) -> None:
    """Write through a temporary file beside `path`, then rename: never half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        write(tmp)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


def clean_file(
    input_csv: Path | str,
    spec_path: Path | str,
    output: Path | str,
    report_path: Path | str | None = None,
) -> dict[str, Any]:
    """Clean `input_csv` as `spec_path` says; write Parquet (and the JSON report).

    Returns the report: the counts of `cleaning.clean` plus the files and the seconds taken.
    Every problem (a bad spec, a missing file or column) is an AiroadmapError of one line.
    """
    input_csv, spec_path, output = Path(input_csv), Path(spec_path), Path(output)
    started = time.perf_counter()
    spec = load_spec(spec_path)
    frame = read_text_csv(input_csv)
    check_columns(spec, spec_path, frame, input_csv)
    read_s = time.perf_counter() - started
    cleaned, report = clean_frame(frame, spec)
    clean_s = time.perf_counter() - started - read_s
    try:
        _write_atomic(output, lambda tmp: cleaned.to_parquet(tmp, index=False))
    except OSError as exc:
        raise AiroadmapError(f"{output}: cannot write the Parquet file ({exc.strerror}).") from exc
    report = {
        "input": str(input_csv),
        "spec": str(spec_path),
        "output": str(output),
        **report,
        "seconds": {
            "read": round(read_s, 4),
            "clean": round(clean_s, 4),
            "total": round(time.perf_counter() - started, 4),
        },
    }
    if report_path is not None:
        text = json.dumps(report, indent=2) + "\n"
        try:
            _write_atomic(Path(report_path), lambda tmp: tmp.write_text(text, encoding="utf-8"))
        except OSError as exc:
            raise AiroadmapError(
                f"{report_path}: cannot write the report ({exc.strerror})."
            ) from exc
    return report
