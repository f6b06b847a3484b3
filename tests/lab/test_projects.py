"""Every reference project `airoadmap run` lists can be loaded; projects come from exercise.toml."""

from __future__ import annotations

import inspect
import shutil
from pathlib import Path

import pytest

from airoadmap.errors import UnknownIdError
from airoadmap.lab.projects import projects, run

PROJECTS = projects()


@pytest.mark.parametrize("project_id", sorted(PROJECTS))
def test_project_entry_is_a_run_function(project_id: str) -> None:
    entry = PROJECTS[project_id].load()
    assert callable(entry)
    assert next(iter(inspect.signature(entry).parameters)) == "run_dir"


def test_the_projects_are_the_exercises_that_declare_one() -> None:
    from airoadmap.curriculum.loader import curriculum

    exercises = curriculum().exercises.values()
    declared = {ex.id for ex in exercises if ex.project is not None}
    declared |= {extra.id for ex in exercises for extra in ex.extra_projects}
    assert set(PROJECTS) == declared
    assert {"m03-linreg", "m04-titanic", "m06-pipeline"} <= declared
    assert PROJECTS["m04-titanic"].entry == "airoadmap.lab.titanic.project:run"


def test_a_project_declared_in_another_content_root_is_read(tmp_path: Path) -> None:
    from airoadmap.curriculum.loader import content_root

    root = tmp_path / "content"
    shutil.copytree(content_root(), root, ignore=shutil.ignore_patterns("__pycache__"))
    toml = root / "exercises" / "m01-katas" / "exercise.toml"
    toml.write_text(
        toml.read_text()
        + '\n[project]\ntitle = "Katas on real data"\nentry = "airoadmap.lab.eda.project:run"\n'
    )
    found = projects(root)
    assert found["m01-katas"].title == "Katas on real data"
    assert set(found) == set(PROJECTS) | {"m01-katas"}


def _copy_with_extra_project(tmp_path: Path, extra_id: str) -> Path:
    from airoadmap.curriculum.loader import content_root

    root = tmp_path / "content"
    shutil.copytree(content_root(), root, ignore=shutil.ignore_patterns("__pycache__"))
    toml = root / "exercises" / "m04-titanic" / "exercise.toml"
    toml.write_text(
        toml.read_text()
        + f'\n[[extra_projects]]\nid = "{extra_id}"\ntitle = "Titanic again"\n'
        'entry = "airoadmap.lab.titanic.project:run"\nheadline = ["holdout_accuracy"]\n'
    )
    return root


def test_an_extra_project_of_an_exercise_runs_under_its_own_id(tmp_path: Path) -> None:
    found = projects(_copy_with_extra_project(tmp_path, "m04-titanic-again"))
    assert found["m04-titanic-again"].title == "Titanic again"
    assert found["m04-titanic-again"].headline == ("holdout_accuracy",)
    assert found["m04-titanic"] == PROJECTS["m04-titanic"]


def test_an_extra_project_with_an_exercise_id_is_reported(tmp_path: Path) -> None:
    from airoadmap.curriculum.loader import load_curriculum
    from airoadmap.curriculum.validate import validate_structure

    root = _copy_with_extra_project(tmp_path, "m04-spam")
    problems = validate_structure(load_curriculum(root), root)
    assert any("extra project 'm04-spam' has the id of an exercise" in p for p in problems)


def test_an_unknown_project_is_one_clear_error_with_a_suggestion(tmp_path: Path) -> None:
    with pytest.raises(UnknownIdError, match=r"Unknown project 'm04-titanik'\. Did you mean "
                       r"'m04-titanic'\?"):
        run("m04-titanik", tmp_path)
    assert not any(tmp_path.iterdir())  # nothing written


def test_a_run_that_fails_before_writing_leaves_no_empty_folder(tmp_path: Path) -> None:
    from airoadmap.errors import AiroadmapError

    with pytest.raises(AiroadmapError, match="takes no --data option"):
        run("m04-titanic", tmp_path, data="cifar-10")
    assert not any(tmp_path.rglob("*"))


def test_a_project_that_raises_leaves_no_empty_run_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from airoadmap.errors import DatasetError
    from airoadmap.lab import projects as module

    def failing(run_dir: Path, *, data: str = "x") -> dict:
        raise DatasetError(f"no {data} here")

    monkeypatch.setattr(module.Project, "load", lambda self: failing)
    with pytest.raises(DatasetError, match="no cifar-10 here"):
        run("m04-titanic", tmp_path, data="cifar-10")
    assert list(tmp_path.iterdir()) == []
