"""What good data looks like (a pandera schema per data set) and the report when it is not.

The validate stage checks every column and every rule at once (pandera's lazy mode), so
one run lists every problem, not just the first. A failure stops the run before training
with one line (`DataValidationError`) and writes `validation_report.md`: which column,
which rule, how many rows, and examples with their row labels.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from airoadmap.errors import DatasetError

if TYPE_CHECKING:
    import pandera.pandas as pa

MAX_EXAMPLES = 3  # example values shown per problem
MAX_IN_LINE = 3  # problems named in the one-line error


class DataValidationError(DatasetError):
    """The data break the schema's expectations: the run stops before training."""

    def __init__(self, message: str, problems: list[Problem], report: Path | None) -> None:
        super().__init__(message)
        self.problems = problems
        self.report = report


def titanic_schema() -> pa.DataFrameSchema:
    """The titanic3 passenger table as `load_frame("titanic")` returns it.

    Ranges are those of the real ship with room to spare (the oldest passenger was 80, the
    highest fare 512.33 pounds); `boat` and `body` may be present (the config drops them).
    """
    import pandera.pandas as pa
    from pandera.pandas import Check, Column

    return pa.DataFrameSchema(
        {
            "pclass": Column(int, Check.isin([1, 2, 3])),
            "survived": Column(int, Check.isin([0, 1])),
            "name": Column(str, Check.str_length(min_value=3)),
            "sex": Column(str, Check.isin(["female", "male"])),
            "age": Column(float, Check.in_range(0, 100), nullable=True),
            "sibsp": Column(int, Check.in_range(0, 10)),
            "parch": Column(int, Check.in_range(0, 10)),
            "ticket": Column(str),
            "fare": Column(float, Check.in_range(0, 1000), nullable=True),
            "cabin": Column(str, nullable=True),
            "embarked": Column(str, Check.isin(["C", "Q", "S"]), nullable=True),
            "home_dest": Column(str, nullable=True),
        },
        checks=[
            Check(lambda df: len(df) >= 100, name="at least 100 rows"),
            Check(
                lambda df: 0.2 <= df["survived"].mean() <= 0.6,
                name="survival rate between 20% and 60%",
            ),
            Check(
                lambda df: df["age"].isna().mean() <= 0.4,
                name="age missing for at most 40% of rows",
            ),
        ],
        name="titanic",
        strict=False,
    )


SCHEMAS: dict[str, Callable[[], pa.DataFrameSchema]] = {"titanic": titanic_schema}


def schema_for(expectations: str, required: Iterable[str] = ()) -> pa.DataFrameSchema:
    """The named schema, plus a presence rule for every `required` column it lacks."""
    from pandera.pandas import Column

    schema = SCHEMAS[expectations]()
    extra = {c: Column(nullable=True) for c in required if c not in schema.columns}
    return schema.add_columns(extra) if extra else schema


@dataclass(frozen=True)
class Problem:
    """One broken rule: the column (or "(table)"), the rule, how many rows, examples."""

    column: str
    check: str
    rows: int | None  # None: the rule is about the column or the table, not about rows
    examples: tuple[str, ...]

    @property
    def rule(self) -> str:
        """The rule in words: `present`, `type int64`, or the check as pandera names it."""
        if self.check == "column_in_dataframe":
            return "present"
        if self.check.startswith("dtype("):
            return "type " + self.check.removeprefix("dtype(").removesuffix(")").strip("'\"")
        return self.check

    def describe(self) -> str:
        if self.check == "column_in_dataframe":
            return f"{self.column}: column missing"
        if self.check.startswith("dtype("):
            got = self.examples[0] if self.examples else "?"
            shown = f" (e.g. {', '.join(self.examples[1:])})" if len(self.examples) > 1 else ""
            expected = self.rule.removeprefix("type ")
            return f"{self.column}: type {got}, expected {expected}{shown}"
        if self.column == "(table)":
            return f"the table fails '{self.check}'"
        if self.rows is None:
            return f"{self.column}: {self.check} could not run ({self.examples[0][:80]})"
        plural = "row" if self.rows == 1 else "rows"
        shown = f" (e.g. {', '.join(self.examples)})" if self.examples else ""
        return f"{self.column}: {self.check} fails for {self.rows} {plural}{shown}"


def problems_of(failure_cases: pd.DataFrame, frame: pd.DataFrame | None = None) -> list[Problem]:
    """pandera's failure cases (one row per failing value) grouped into problems: missing
    columns first, then wrong types, then rules on the table, then rules on values.

    `frame` (the data validated) names a wrong type as the column's dtype; without it, the
    type pandera reports is used.
    """
    cases = failure_cases.astype(object).where(failure_cases.notna(), None)
    is_dtype = cases["check"].astype(str).str.startswith("dtype(")
    missing, types, table, values = [], [], [], []
    for row in cases[~is_dtype].itertuples(index=False):
        if row.check == "column_in_dataframe":  # the failure case names the missing column
            missing.append(Problem(str(row.failure_case), "column_in_dataframe", None, ()))
        elif row.schema_context == "DataFrameSchema":
            table.append(Problem("(table)", str(row.check), None, ()))
    for (column, check), group in cases[is_dtype].groupby(["column", "check"], sort=False):
        if frame is not None and column in frame.columns:
            got = str(frame[column].dtype)
        else:
            got = str(group["failure_case"].iloc[0])
        types.append(Problem(str(column), str(check), None, (got, *_examples(group))))
    typed = {p.column for p in types}
    for row in cases[~is_dtype & cases["index"].isna()].itertuples(index=False):
        if row.schema_context == "Column" and row.column not in typed:
            # The rule itself raised (e.g. comparing text with a number).
            values.append(Problem(str(row.column), str(row.check), None, (str(row.failure_case),)))
    by_rule = cases[~is_dtype & (cases["schema_context"] == "Column") & cases["index"].notna()]
    for (column, check), group in by_rule.groupby(["column", "check"], sort=False):
        rule = "not missing" if check == "not_nullable" else str(check)
        values.append(Problem(str(column), rule, int(group["index"].nunique()), _examples(group)))
    return missing + types + table + values


def _examples(group: pd.DataFrame) -> tuple[str, ...]:
    """Up to MAX_EXAMPLES failing values with their row labels (rows that have one)."""
    rows = group[group["index"].notna()].head(MAX_EXAMPLES)
    return tuple(
        f"{_show(value)} at row {_label(index)}"
        for value, index in zip(rows["failure_case"], rows["index"], strict=True)
    )


def _label(index: Any) -> Any:
    return int(index) if isinstance(index, float) and index.is_integer() else index


def _show(value: Any) -> str:
    return "missing" if value is None else repr(value)


def validate(
    frame: pd.DataFrame, schema: pa.DataFrameSchema, *, source: str, report: Path | None
) -> pd.DataFrame:
    """The frame, when it meets every rule of `schema`; otherwise a DataValidationError
    naming the first problems, and the full list in `report` (markdown)."""
    import pandera.pandas as pa

    try:
        return schema.validate(frame, lazy=True)
    except pa.errors.SchemaErrors as exc:
        problems = problems_of(exc.failure_cases, frame)
    if report is not None:
        report.write_text(render_report(problems, frame, source), encoding="utf-8")
    named = "; ".join(p.describe() for p in problems[:MAX_IN_LINE])
    more = f"; and {len(problems) - MAX_IN_LINE} more" if len(problems) > MAX_IN_LINE else ""
    where = f" Full report: {report}." if report is not None else ""
    raise DataValidationError(
        f"Bad data in {source}, the run stopped before training ({len(problems)} "
        f"problem{'s' if len(problems) != 1 else ''}): {named}{more}.{where}",
        problems,
        report,
    )


def render_report(problems: list[Problem], frame: pd.DataFrame, source: str) -> str:
    """The markdown report of a failed validation."""
    lines = [
        f"# Data validation failed: {source}",
        "",
        f"{len(frame)} rows, {frame.shape[1]} columns. Every rule was checked (pandera, lazy "
        "mode); the run stopped before training. Fix the data (or, if a rule is wrong, the "
        "schema in `airoadmap/lab/pipeline/schema.py`) and run again.",
        "",
        "| column | rule | failing rows | examples |",
        "|---|---|---|---|",
    ]
    for p in problems:
        rows = "-" if p.rows is None else str(p.rows)
        if p.check == "column_in_dataframe":
            examples = "absent"
        elif p.check.startswith("dtype("):
            found = f"found {p.examples[0] if p.examples else '?'}"
            examples = "; ".join([found, *p.examples[1:]]).replace("|", "\\|")
        else:
            examples = "; ".join(p.examples).replace("|", "\\|") or "-"
        lines.append(f"| {p.column} | `{p.rule}` | {rows} | {examples} |")
    return "\n".join(lines) + "\n"
