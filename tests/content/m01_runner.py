"""Run an exercise's checks in-process on a submission (the grader runs the same functions in
its sandbox). Used by the content tests of m01-oop, m01-errors-files and m01-http: checks keyed
by hint group, wrong submissions made by appending code to the solution."""

from __future__ import annotations

import gc
import importlib.util
import sys
import tomllib
import warnings
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType

from airoadmap.curriculum.loader import exercise_dir
from airoadmap.curriculum.models import Exercise
from airoadmap.grading import api

Results = dict[str, BaseException | None]


def load_module(path: Path, name: str) -> ModuleType:
    """Import the file at `path` as a module named `name` (not registered in sys.modules)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class InProcess:
    """One exercise whose learner file is `<module>.py`."""

    exercise_id: str
    module: str

    @property
    def root(self) -> Path:
        return exercise_dir(self.exercise_id)

    def solution(self) -> Path:
        return self.root / "solution" / f"{self.module}.py"

    def starter(self) -> Path:
        return self.root / "starter" / f"{self.module}.py"

    def exercise(self) -> Exercise:
        with open(self.root / "exercise.toml", "rb") as f:
            return Exercise.model_validate(tomllib.load(f))

    def load_checks(self) -> list[api.CheckSpec]:
        """Import checks.py afresh and return the checks it registers, in order."""
        api.REGISTRY.clear()
        name = f"{self.module}_checks_under_test"
        load_module(self.root / "checks.py", name)
        specs = list(api.REGISTRY)
        api.REGISTRY.clear()
        return specs

    def workdir(self, tmp_path: Path, source: Path, extra: str = "") -> Path:
        """A working copy holding `source` as the learner's file, with `extra` appended."""
        work = tmp_path / "work"
        work.mkdir()
        text = source.read_text(encoding="utf-8")
        if extra:
            text += "\n\n" + extra
        (work / f"{self.module}.py").write_text(text, encoding="utf-8")
        return work

    def run_all(self, work: Path) -> Results:
        """Run every check on `work`: hint key -> what it raised (None: passed).

        A wrong submission may leave files open; the warnings that Python gives when it
        closes them are not this test's business (a check looks for them on purpose).
        """
        ctx = api.Context(workdir=work)
        results: Results = {}
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ResourceWarning)
                for spec in self.load_checks():
                    assert spec.hint is not None
                    try:
                        spec.func(ctx)
                    except BaseException as err:  # the test inspects whatever was raised
                        results[spec.hint] = err
                    else:
                        results[spec.hint] = None
                gc.collect()
        finally:
            sys.modules.pop(self.module, None)
        return results


def failures(results: Results) -> dict[str, str]:
    """The checks that did not pass, with what they raised."""
    return {k: f"{type(e).__name__}: {e}" for k, e in results.items() if e is not None}
