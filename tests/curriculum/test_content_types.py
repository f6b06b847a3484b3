"""mypy covers the content: every exercise's checks, solution and starter type-check."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from airoadmap.authoring.typecheck import batches, typecheck_content
from airoadmap.curriculum.loader import content_root

pytest.importorskip("mypy")  # a dev tool: the content is type-checked where it is installed


# The whole shipped content is type-checked by `make lint` (`python -m
# airoadmap.authoring.typecheck`, run by .ci/run after `make test`): a lint, about a minute of
# mypy. These tests keep the type check itself honest.


def test_each_exercise_is_checked_in_its_own_batches() -> None:
    groups = batches(["m01-cleaning"])
    folder = content_root() / "exercises" / "m01-cleaning"
    assert groups == [
        [folder / "checks.py", folder / "solution" / "cleaning.py"],
        [folder / "starter" / "cleaning.py"],
    ]


def test_a_type_error_in_a_checks_file_is_reported(tmp_path: Path) -> None:
    root = tmp_path / "content"
    shutil.copytree(content_root(), root, ignore=shutil.ignore_patterns("__pycache__"))
    checks = root / "exercises" / "m01-katas" / "checks.py"
    checks.write_text(checks.read_text() + '\n\nCOUNT: int = "three"\n')
    problems = typecheck_content(["m01-katas"], root)
    assert len(problems) == 1
    assert problems[0].startswith(f"{checks}:") and "Incompatible types" in problems[0]
