"""reference_module imports a solution file as an import would."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from airoadmap.lab import reference

SOLUTION = '''from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def norm(self) -> float:
        return (self.x**2 + self.y**2) ** 0.5
'''


def test_a_solution_with_a_dataclass_and_postponed_annotations_loads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "solution").mkdir()
    (tmp_path / "solution" / "geometry.py").write_text(SOLUTION)
    monkeypatch.setattr(reference, "exercise_dir", lambda exercise_id: tmp_path)
    module = reference.reference_module("m00-demo", "geometry")
    assert module.Point(3.0, 4.0).norm() == 5.0
    assert sys.modules[module.__name__] is module
    sys.modules.pop(module.__name__)


def test_a_solution_that_fails_to_import_leaves_no_module_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "solution").mkdir()
    (tmp_path / "solution" / "broken.py").write_text("raise ValueError('broken on purpose')\n")
    monkeypatch.setattr(reference, "exercise_dir", lambda exercise_id: tmp_path)
    before = set(sys.modules)
    with pytest.raises(ValueError, match="broken on purpose"):
        reference.reference_module("m00-demo", "broken")
    assert set(sys.modules) == before
