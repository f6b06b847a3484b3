"""The contract tables of the from-scratch exercises, read from their contract.toml.

tests/content/submissions/<exercise id with '_' for '-'>/contract.toml holds one `[[row]]` per
point of the brief x method or option it applies to:

    point     what the brief promises
    options   the methods and options the check tries it under (words, "all" or "-")
    check     the check function of checks.py that covers it (or from_scratch)
    wrong     the held-back wrong submission of the folder (wrong_*.py) that check must FAIL
    only      optional: a Python expression; the row's submission is then the wrong one only
              where it holds, the right one elsewhere, so the row shows that the check looks
              at that very option. The folder's `_only.py` builds that submission:
              `source(row) -> str`
    function  optional, with only: the function `only` restricts (for exercises of functions)

tests/content/test_contracts.py runs every row; the per-exercise tests read the tables here for
what is specific to them (coverage of each method, statistical checks). `load_module` and
`load_checks` import an exercise's files for those tests.
"""

from __future__ import annotations

import importlib
import importlib.util
import sys
import tomllib
from dataclasses import MISSING, dataclass, fields
from functools import cache
from pathlib import Path
from types import ModuleType

from airoadmap.authoring.runner import InprocessResult, run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from airoadmap.grading import api

SUBMISSIONS = Path(__file__).parent / "submissions"
PACKAGE = "tests.content.submissions"


@dataclass(frozen=True)
class Row:
    """One row of a contract table (see the module docstring for each key)."""

    point: str
    options: str
    check: str
    wrong: str
    only: str = ""
    function: str = ""


@dataclass(frozen=True)
class Contract:
    """An exercise's contract table and where its submissions live."""

    exercise_id: str
    rows: tuple[Row, ...]

    @property
    def folder(self) -> Path:
        """The exercise's submissions folder (the table's contract.toml, wrong_*.py)."""
        return SUBMISSIONS / self.exercise_id.replace("-", "_")

    @property
    def learner_file(self) -> str:
        """The learner file a submission replaces: the exercise's first .py file."""
        return next(f for f in exercise(self.exercise_id).files if f.endswith(".py"))

    def submission(self, row: Row) -> Path | str:
        """The row's wrong submission: its file, or (with `only`) the source `_only.py` builds."""
        if not row.only:
            return self.folder / f"{row.wrong}.py"
        builder = importlib.import_module(f"{PACKAGE}.{self.folder.name}._only")
        return builder.source(row)  # type: ignore[no-any-return]

    def run(self, row: Row) -> InprocessResult:
        """The row's check on the row's submission."""
        files = {self.learner_file: self.submission(row)}
        return run_inprocess(self.exercise_id, files, only=[row.check])


def contract_ids() -> list[str]:
    """The exercises with a contract table, by id."""
    return sorted(p.parent.name.replace("_", "-") for p in SUBMISSIONS.glob("*/contract.toml"))


@cache
def load(exercise_id: str) -> Contract:
    """The exercise's contract.toml; a row with a missing or unknown key is an error."""
    path = SUBMISSIONS / exercise_id.replace("-", "_") / "contract.toml"
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    keys = {f.name for f in fields(Row)}
    required = {f.name for f in fields(Row) if f.default is MISSING}
    rows = []
    for i, row in enumerate(table.get("row", []), 1):
        bad = sorted(row.keys() - keys) + sorted(f"{k} (missing)" for k in required - row.keys())
        if bad:
            raise ValueError(f"{path}: row {i}: {', '.join(bad)}; the keys are {sorted(keys)}")
        rows.append(Row(**row))
    return Contract(exercise_id, tuple(rows))


@cache
def exercise(exercise_id: str) -> Exercise:
    """The exercise's exercise.toml, validated."""
    return load_model(exercise_dir(exercise_id) / "exercise.toml", Exercise)


def load_module(path: Path, name: str) -> ModuleType:
    """Import the file at `path` as a module called `name` (registered, as Context.load does)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


def load_checks(exercise_id: str, name: str) -> ModuleType:
    """The exercise's checks.py as a module of its own, for its helpers and constants (its
    @check registrations cleared, its name unregistered afterwards)."""
    try:
        return load_module(exercise_dir(exercise_id) / exercise(exercise_id).checks, name)
    finally:
        sys.modules.pop(name, None)
        api.REGISTRY.clear()
