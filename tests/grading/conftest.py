"""Helpers of the grader's tests: a tiny fixture exercise and a way to submit code to it."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from airoadmap.curriculum.models import Exercise, HintGroup, Limits
from airoadmap.grading.grader import grade
from airoadmap.results import GradeReport

FIXTURES = Path(__file__).parent / "fixtures"
LEARNER_FILE = {
    "m01-tiny": "tiny.py",
    "m01-http": "client.py",
    "m01-broken": "tiny.py",
    "m01-needs": "tiny.py",
    "m01-scratch": "scratch.py",
    "m07-torchy": "torchy.py",
    "m10-service": "app.py",
}

Submit = Callable[..., GradeReport]


def make_exercise(
    exercise_id: str = "m01-tiny",
    *,
    timeout_s: float = 10.0,
    memory_mb: int = 512,
    processes: int = 0,
    cpu_s: float | None = None,
    threads: int | None = None,
    gpu: bool = False,
    forbidden_imports: list[str] | None = None,
    use_instead: str = "",
    bars: dict[str, Any] | None = None,
) -> Exercise:
    """A fixture exercise with the given sandbox limits (and import fence, and bars)."""
    return Exercise(
        id=exercise_id,
        month=int(exercise_id[1:3]),
        title="Fixture",
        summary="An exercise the grader's tests use.",
        files=[LEARNER_FILE[exercise_id]],
        limits=Limits(
            timeout_s=timeout_s,
            memory_mb=memory_mb,
            processes=processes,
            cpu_s=cpu_s,
            threads=threads,
            gpu=gpu,
        ),
        hints=[HintGroup(key="general", tiers=["Read the brief."])],
        forbidden_imports=forbidden_imports or [],
        use_instead=use_instead,
        bars=bars or {},
    )


@pytest.fixture()
def learner_dir(tmp_path: Path) -> Path:
    """The learner's exercise folder (empty)."""
    folder = tmp_path / "learner"
    folder.mkdir()
    return folder


@pytest.fixture()
def submit(learner_dir: Path) -> Submit:
    """Write `code` as the learner's file of the exercise and grade it."""

    def run(
        code: str,
        *,
        exercise_id: str = "m01-tiny",
        isolate: bool = True,
        shortcut_untouched: bool = True,
        **settings: Any,
    ) -> GradeReport:
        name = LEARNER_FILE[exercise_id]
        (learner_dir / name).write_text(textwrap.dedent(code), encoding="utf-8")
        exercise = make_exercise(exercise_id, **settings)
        return grade(
            exercise,
            FIXTURES / exercise_id,
            learner_dir,
            isolate=isolate,
            shortcut_untouched=shortcut_untouched,
        )

    return run


def starter(exercise_id: str = "m01-tiny") -> str:
    return (FIXTURES / exercise_id / "starter" / LEARNER_FILE[exercise_id]).read_text()


def solution(exercise_id: str = "m01-tiny") -> str:
    return (FIXTURES / exercise_id / "solution" / LEARNER_FILE[exercise_id]).read_text()
