"""The capstone (m12-capstone): scaffold the learner's project, and score its rubric.

`scaffold` fills the exercise's folder in the workspace from the exercise's starter (the
template: every file the rubric grades, each holding TODO(capstone) where the learner works)
and writes capstone.toml for the chosen data: a registry data set (copied as a CSV into
data/, so the project runs without airoadmap, on GitHub's CI too) or the learner's own CSV.
`rubric` turns graded checks (a report's or a stored attempt's) into the rubric of
exercise.toml's `[[rubric]]`: each item's weight, outcome and message, and the passed weight
over the total. The cli and the dashboard's exercise page show it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from airoadmap.errors import AiroadmapError

if TYPE_CHECKING:
    from airoadmap.curriculum.models import Exercise
    from airoadmap.results import CheckResult

EXERCISE = "m12-capstone"
PLACEHOLDER = "PROJECT_NAME"
MARKER = "TODO(capstone)"
NAME = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
SENSITIVE_NAMES = ("sex", "gender", "race", "ethnicity", "religion", "age")
MAX_CATEGORIES = 20  # a text column with more distinct values is an identifier, not a feature


class CapstoneError(AiroadmapError):
    """A capstone command cannot do what was asked (the message says what to do)."""


@dataclass
class Scaffold:
    """What `scaffold` wrote."""

    folder: Path
    written: list[Path] = field(default_factory=list)
    target: str = ""
    features: list[str] = field(default_factory=list)
    sensitive: str = ""
    rows: int = 0


def scaffold(
    folder: Path,
    template: Path,
    files: list[str],
    name: str,
    *,
    dataset: str | None = None,
    csv: Path | None = None,
    target: str | None = None,
    sensitive: str | None = None,
) -> Scaffold:
    """Write the capstone project `name` into `folder` from `template` (the starter).

    Refuses when a file of `files` in `folder` differs from the template's (the learner's
    work: `airoadmap reset m12-capstone` saves it and restores the template first).
    """
    if not NAME.match(name):
        raise CapstoneError(
            f"{name!r} is not a project name: 2 to 40 lowercase letters, digits and '-', "
            "starting with a letter (e.g. titanic-survival)"
        )
    if (dataset is None) == (csv is None):
        raise CapstoneError("give the data: --data ID (see `airoadmap data list`) or --csv FILE")
    for rel in files:
        mine = folder / rel
        if mine.is_file() and not _scaffolded(rel, mine.read_text("utf-8", "replace"), template):
            raise CapstoneError(
                f"{mine} already holds your work: `airoadmap reset {EXERCISE}` saves it to a "
                "backup and restores the template, then run `capstone new` again"
            )
    frame, source_name, target = _frame(dataset, csv, target)
    if target not in frame.columns:
        columns = ", ".join(map(str, frame.columns))
        raise CapstoneError(f"the data have no column {target!r}; their columns: {columns}")
    labels = sorted(map(str, frame[target].dropna().unique()))
    if len(labels) != 2:
        raise CapstoneError(
            f"the target {target!r} has {len(labels)} distinct values; the capstone is a binary "
            "classification: choose (or make) a column with two values"
        )
    positive = "" if labels == ["0", "1"] else labels[-1]
    features = _features(frame, target)
    if sensitive is None:
        sensitive = next((c for c in SENSITIVE_NAMES if c in features), "")
    elif sensitive and sensitive not in features:
        raise CapstoneError(
            f"--sensitive {sensitive!r} is not one of the features: {', '.join(features)}"
        )
    result = Scaffold(folder, target=target, features=features, sensitive=sensitive)
    result.rows = len(frame)
    data_file = folder / "data" / source_name
    data_file.parent.mkdir(parents=True, exist_ok=True)
    frame.to_csv(data_file, index=False)
    result.written.append(data_file)
    for rel in files:
        dst = folder / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        if rel == "capstone.toml":
            text = _settings(name, f"data/{source_name}", target, positive, features, sensitive)
        else:
            text = (template / rel).read_text(encoding="utf-8").replace(PLACEHOLDER, name)
        dst.write_text(text, encoding="utf-8")
        result.written.append(dst)
    return result


def _scaffolded(rel: str, text: str, template: Path) -> bool:
    """Whether `text` is what a `capstone new` wrote as `rel` (under any project name), or,
    for capstone.toml, still holds the marker that asks the learner to review it."""
    if rel == "capstone.toml":
        return MARKER in text
    original = (template / rel).read_text(encoding="utf-8")
    if text == original:
        return True
    pattern = re.escape(original)
    return re.fullmatch(pattern.replace(PLACEHOLDER, "[a-z][a-z0-9-]*"), text) is not None


def _frame(dataset: str | None, csv: Path | None, target: str | None) -> tuple[Any, str, str]:
    """The data as a DataFrame (leaky columns dropped), its CSV's file name, the target."""
    import pandas as pd

    if csv is not None:
        if not csv.is_file():
            raise CapstoneError(f"--csv {csv}: no such file")
        if target is None:
            raise CapstoneError("--csv needs --target COLUMN: the column the model predicts")
        try:
            frame = pd.read_csv(csv)
        except (ValueError, OSError) as exc:
            raise CapstoneError(f"--csv {csv} cannot be read as CSV: {exc}") from exc
        return frame, csv.name, target
    from airoadmap.datasets import get_spec, load, names

    assert dataset is not None
    if dataset not in names():
        raise CapstoneError(f"--data {dataset}: no such data set; one of {', '.join(names())}")
    spec = get_spec(dataset)
    frame = load(dataset)
    if not isinstance(frame, pd.DataFrame):
        raise CapstoneError(
            f"--data {dataset} is not a table (it loads as arrays): choose a table data set "
            "or give your own CSV"
        )
    target = target or spec.target
    if target is None:
        raise CapstoneError(f"--data {dataset} names no target: give --target COLUMN")
    return frame.drop(columns=list(spec.leaky_columns)), f"{dataset}.csv", target


def _features(frame: Any, target: str) -> list[str]:
    """Every column but the target and identifier-like text (many distinct values)."""
    kept = []
    for column in frame.columns:
        if column == target:
            continue
        values = frame[column]
        if values.dtype.kind not in "biuf" and values.nunique() > MAX_CATEGORIES:
            continue
        kept.append(str(column))
    return kept


def _settings(
    name: str, source: str, target: str, positive: str, features: list[str], sensitive: str
) -> str:
    listed = ", ".join(f'"{f}"' for f in features)
    positive_line = (
        f'positive = "{positive}"  # the target value read as 1 (the other as 0)\n'
        if positive
        else ""
    )
    return f"""# The capstone's settings: what the project is, its data and how its run is judged.
# TODO(capstone): check the features (identifiers and leaky columns out) and the sensitive
# column, then delete this line.
name = "{name}"
title = ""

[data]
# "registry:<id>" (a data set of `airoadmap data list`) or a CSV file inside this folder.
source = "{source}"
target = "{target}"
{positive_line}features = [{listed}]
# A column to audit fairness by; "" when the data has none (then say why in `no_sensitive`).
sensitive = "{sensitive}"
no_sensitive = ""

[run]
seed = 0
test_fraction = 0.25
metric = "accuracy"
"""


@dataclass(frozen=True)
class RubricLine:
    """One rubric item of a graded attempt."""

    check: str
    weight: float
    outcome: str  # PASS, FAIL, ERROR, TIMEOUT, NOT_ATTEMPTED, or "MISSING" (the check did not run)
    message: str


@dataclass(frozen=True)
class Rubric:
    """The rubric of one grade report: its lines and the passed weight over the total."""

    lines: list[RubricLine]

    @property
    def total(self) -> float:
        return sum(line.weight for line in self.lines)

    @property
    def passed(self) -> float:
        return sum(line.weight for line in self.lines if line.outcome == "PASS")

    @property
    def score(self) -> float:
        """Passed weight over the total, 0..1 (0 for an empty rubric)."""
        return self.passed / self.total if self.total else 0.0


def rubric(exercise: Exercise, checks: Iterable[CheckResult | Mapping[str, Any]]) -> Rubric:
    """The exercise's `[[rubric]]` applied to graded checks (a report's, or an attempt's
    stored dicts), matched by name; an item whose check did not run reads MISSING."""
    by_name: dict[str, tuple[str, str]] = {}
    for c in checks:
        if isinstance(c, Mapping):
            by_name[str(c["name"])] = (str(c.get("outcome", "")), str(c.get("message", "")))
        else:
            by_name[c.name] = (c.outcome.value, c.message)
    lines = []
    for item in exercise.rubric:
        outcome, message = by_name.get(item.check, ("MISSING", "this check did not run"))
        lines.append(RubricLine(item.check, item.weight, outcome, message))
    return Rubric(lines)
