"""The m06 pipeline's data tests: the expectations (a pandera schema) hold on the real data,
and each kind of bad data stops the run with a readable, one-line report and a report file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from airoadmap.datasets import load_frame
from airoadmap.lab.pipeline import stages
from airoadmap.lab.pipeline.config import load_config
from airoadmap.lab.pipeline.schema import (
    DataValidationError,
    problems_of,
    schema_for,
    titanic_schema,
    validate,
)

Corrupt = Callable[[pd.DataFrame], pd.DataFrame]


@pytest.fixture(scope="module")
def titanic() -> pd.DataFrame:
    return load_frame("titanic")


def test_the_real_titanic_meets_every_expectation(titanic: pd.DataFrame) -> None:
    checked = validate(titanic, titanic_schema(), source="titanic", report=None)
    pd.testing.assert_frame_equal(checked, titanic)


def test_the_expectations_are_strict_enough(titanic: pd.DataFrame) -> None:
    """Each column the model reads has a rule beyond its type; nullability matches the data."""
    schema = titanic_schema()
    for column in ("pclass", "survived", "sex", "age", "sibsp", "parch", "fare", "embarked"):
        assert schema.columns[column].checks, f"{column} has no value rule"
    for name, column in schema.columns.items():
        assert column.nullable == bool(titanic[name].isna().any()) or name == "fare", name
    assert len(schema.checks) >= 3  # rules on the whole table


def _set(column: str, row: int, value: object) -> Corrupt:
    def corrupt(frame: pd.DataFrame) -> pd.DataFrame:
        out = frame.copy()
        out.loc[row, column] = value
        return out

    return corrupt


CORRUPTIONS: dict[str, tuple[Corrupt, str]] = {
    "a column is missing": (lambda f: f.drop(columns=["fare"]), "fare: column missing"),
    "a wrong type": (
        lambda f: f.astype({"pclass": "float64"}),
        "pclass: type float64, expected int64",
    ),
    "an age out of range": (_set("age", 3, -5.0), "age: in_range(0, 100) fails for 1 row"),
    "an unknown sex": (_set("sex", 7, "M"), "sex: isin(['female', 'male']) fails for 1 row"),
    "a missing name": (_set("name", 10, None), "name: not missing fails for 1 row"),
    "an unknown port": (_set("embarked", 0, "X"), "embarked: isin(['C', 'Q', 'S'])"),
    "a label that is not 0 or 1": (_set("survived", 5, 2), "survived: isin([0, 1])"),
    "too few rows": (lambda f: f.head(40), "the table fails 'at least 100 rows'"),
    "a label that is always 1": (
        lambda f: f.assign(survived=1),
        "the table fails 'survival rate between 20% and 60%'",
    ),
}


@pytest.mark.parametrize("case", sorted(CORRUPTIONS))
def test_bad_data_stops_with_a_one_line_report(
    titanic: pd.DataFrame, case: str, tmp_path: Path
) -> None:
    corrupt, phrase = CORRUPTIONS[case]
    report = tmp_path / "validation_report.md"
    with pytest.raises(DataValidationError) as raised:
        validate(corrupt(titanic), titanic_schema(), source="titanic.csv", report=report)
    message = str(raised.value)
    assert "\n" not in message
    assert message.startswith("Bad data in titanic.csv, the run stopped before training")
    assert phrase in message, message
    assert str(report) in message
    assert report.is_file()


def test_every_problem_is_reported_at_once(titanic: pd.DataFrame, tmp_path: Path) -> None:
    bad = titanic.copy()
    bad.loc[3, "age"] = -5.0
    bad.loc[7, "sex"] = "M"
    bad.loc[8, "sex"] = "F"
    bad = bad.drop(columns=["fare"]).astype({"pclass": "float64"})
    report = tmp_path / "validation_report.md"
    with pytest.raises(DataValidationError) as raised:
        validate(bad, titanic_schema(), source="passengers.csv", report=report)
    error = raised.value
    assert [(p.column, p.rule, p.rows) for p in error.problems] == [
        ("fare", "present", None),
        ("pclass", "type int64", None),
        ("sex", "isin(['female', 'male'])", 2),
        ("age", "in_range(0, 100)", 1),
    ]
    assert "(4 problems)" in str(error) and "and 1 more" in str(error)
    text = report.read_text()
    assert "| fare | `present` | - | absent |" in text
    assert "| pclass | `type int64` | - | found float64 |" in text
    assert "'M' at row 7; 'F' at row 8" in text
    assert "-5.0 at row 3" in text


def test_problems_group_pandera_failure_cases() -> None:
    cases = pd.DataFrame(
        {
            "schema_context": ["DataFrameSchema", "Column", "Column", "Column", "Column"],
            "column": ["titanic", "age", "age", "age", "cabin"],
            "check": [
                "column_in_dataframe",
                *["in_range(0, 100)"] * 3,
                "dtype('str')",
            ],
            "check_number": [None, 0, 0, 0, None],
            "failure_case": ["fare", -1.0, 120.0, 300.0, "float64"],
            "index": [None, 4, 9, 11, None],
        }
    )
    problems = problems_of(cases)
    assert [p.describe() for p in problems] == [
        "fare: column missing",
        "cabin: type float64, expected str",
        "age: in_range(0, 100) fails for 3 rows (e.g. -1.0 at row 4, 120.0 at row 9, "
        "300.0 at row 11)",
    ]


def test_a_configured_column_must_exist(titanic: pd.DataFrame) -> None:
    schema = schema_for("titanic", ["survived", "deck"])
    with pytest.raises(DataValidationError, match="deck: column missing"):
        validate(titanic, schema, source="titanic", report=None)


def test_a_csv_with_a_missing_column_and_text_in_a_number_stops_the_run(
    titanic: pd.DataFrame, tmp_path: Path
) -> None:
    """The month's knowledge check: a file with a missing column and a wrong type."""
    bad = titanic.drop(columns=["sibsp"]).astype({"age": object})
    bad.loc[0, "age"] = "unknown"
    (tmp_path / "passengers.csv").write_text(bad.to_csv(index=False), encoding="utf-8")
    config = (load_config().path or Path()).read_text(encoding="utf-8")
    config = config.replace('dataset = "titanic"', 'csv = "passengers.csv"')
    path = tmp_path / "pipeline.toml"
    path.write_text(config, encoding="utf-8")
    cfg = load_config(path)
    report = tmp_path / "validation_report.md"
    with pytest.raises(DataValidationError) as raised:
        stages.validate(stages.ingest(cfg), cfg, report)
    message = str(raised.value)
    assert "sibsp: column missing" in message
    assert "age: type str, expected float64" in message
    assert str(tmp_path / "passengers.csv") in message


def test_a_clean_csv_reads_with_the_registrys_types(titanic: pd.DataFrame, tmp_path: Path) -> None:
    """Text columns stay text even when a file's sample is empty or numeric-looking."""
    sample = titanic.sample(300, random_state=0)
    sample["cabin"] = np.nan  # an all-empty text column
    (tmp_path / "rows.csv").write_text(sample.to_csv(index=False), encoding="utf-8")
    config = (load_config().path or Path()).read_text(encoding="utf-8")
    path = tmp_path / "pipeline.toml"
    path.write_text(config.replace('dataset = "titanic"', 'csv = "rows.csv"'), encoding="utf-8")
    cfg = load_config(path)
    frame = stages.validate(stages.ingest(cfg), cfg, None)
    assert len(frame) == 300
    assert str(frame["ticket"].dtype) == str(titanic["ticket"].dtype)


def test_a_missing_csv_is_one_line(tmp_path: Path) -> None:
    config = (load_config().path or Path()).read_text(encoding="utf-8")
    path = tmp_path / "pipeline.toml"
    path.write_text(config.replace('dataset = "titanic"', 'csv = "nope.csv"'), encoding="utf-8")
    from airoadmap.errors import DatasetError

    with pytest.raises(DatasetError, match=r"nope\.csv: no such file"):
        stages.ingest(load_config(path))
