"""reference_module imports a solution file as an import would."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from airoadmap.lab import reference

SOLUTION = """from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Point:
    x: float
    y: float

    def norm(self) -> float:
        return (self.x**2 + self.y**2) ** 0.5
"""


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


def test_inside_learner_code_the_learner_files_are_read_and_logged(tmp_path: Path) -> None:
    import hashlib

    from airoadmap.errors import AiroadmapError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "geometry.py").write_text(SOLUTION + "WHOSE = 'mine'\n")
    (mine / "spec.toml").write_text("x = 1\n")
    expected = {
        name: hashlib.sha256((mine / name).read_bytes()).hexdigest()
        for name in ("geometry.py", "spec.toml")
    }
    with reference.loading_log() as log, reference.learner_code("m00-demo", mine, expected):
        module = reference.reference_module("m00-demo", "geometry")
        assert reference.reference_file("m00-demo", "spec.toml") == mine / "spec.toml"
        (mine / "spec.toml").write_text("x = 2\n")  # changed after it passed
        with pytest.raises(AiroadmapError, match="is not the file that passed"):
            reference.reference_file("m00-demo", "spec.toml")
    assert module.WHOSE == "mine"
    assert [(m.module, m.code, m.sha256) for m in log] == [
        ("geometry", "mine", expected["geometry.py"]),
        ("spec.toml", "mine", expected["spec.toml"]),
    ]
    sys.modules.pop(module.__name__)
