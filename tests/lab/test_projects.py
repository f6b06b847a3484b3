"""Every reference project `airoadmap run` lists can be loaded."""

from __future__ import annotations

import inspect

import pytest

from airoadmap.lab.projects import PROJECTS


@pytest.mark.parametrize("project_id", sorted(PROJECTS))
def test_project_entry_is_a_run_function(project_id: str) -> None:
    run = PROJECTS[project_id].load()
    assert callable(run)
    assert next(iter(inspect.signature(run).parameters)) == "run_dir"


def test_every_project_belongs_to_an_exercise() -> None:
    from airoadmap.curriculum.loader import curriculum

    assert set(PROJECTS) <= set(curriculum().exercises)
