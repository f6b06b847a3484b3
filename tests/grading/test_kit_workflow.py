"""kit.workflow: the month-11 rules of a GitHub Actions workflow, text in, a verdict out."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest

from airoadmap.grading.api import CheckFailed
from airoadmap.grading.kit import workflow

pytest.importorskip("ruamel.yaml")

NAME = ".github/workflows/ci.yml"
GOOD = """\
name: ci
on: [push]
jobs:
  test:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: pip install ruff pytest
      - run: ruff check .
      - run: pytest -q
  build:
    needs: test
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - run: docker build -t app .
  deploy:
    needs: build
    runs-on: ubuntu-latest
    steps:
      - run: kubectl apply -f k8s/
"""


def _doc(text: str = GOOD) -> Any:
    return workflow.load(text, NAME)


def test_a_good_workflow_passes_every_rule() -> None:
    doc = _doc()
    if importlib.util.find_spec("check_jsonschema") is not None:
        workflow.schema_valid(doc, NAME)
    workflow.lint_test_build(doc, NAME)
    workflow.tests_gate_deploy(doc, NAME)
    workflow.actions_pinned(doc, NAME)
    assert workflow.upstream(workflow.jobs(doc), "deploy") == {"build", "test"}


@pytest.mark.parametrize(
    ("old", "new", "rule", "says"),
    [
        ("      - run: ruff check .\n", "", workflow.lint_test_build, f"No job of {NAME} lints"),
        ("      - run: pytest -q\n", "", workflow.lint_test_build, "runs the tests"),
        ("docker build", "echo build", workflow.lint_test_build, "builds the service's image"),
        ("    needs: build\n", "", workflow.tests_gate_deploy, "'deploy' (line 17) does not wait"),
        ("actions/checkout@v4", "actions/checkout@main", workflow.actions_pinned, "(line 7)"),
    ],
)
def test_one_edit_breaks_its_rule(old: str, new: str, rule: Any, says: str) -> None:
    assert old in GOOD
    with pytest.raises(CheckFailed) as failed:
        rule(_doc(GOOD.replace(old, new, 1)), NAME)
    assert says in str(failed.value)


def test_the_schema_names_the_line() -> None:
    pytest.importorskip("check_jsonschema")
    with pytest.raises(CheckFailed, match=r"at jobs\.test \(line 4\)"):
        workflow.schema_valid(_doc(GOOD.replace("runs-on: ubuntu-latest", "runs_on: x", 1)), NAME)


@pytest.mark.parametrize(
    ("uses", "pinned"),
    [("actions/checkout@v4", True), ("actions/checkout@v4.2.1", True), ("a/b@" + "0" * 40, True),
     ("./local", True), ("actions/checkout@main", False), ("actions/checkout", False),
     ("docker://alpine", False)],
)  # fmt: skip
def test_pin_problem(uses: str, pinned: bool) -> None:
    assert (workflow.pin_problem(uses) is None) is pinned


def test_not_yaml_and_no_jobs_are_one_line() -> None:
    with pytest.raises(CheckFailed, match="is not valid YAML"):
        workflow.load("jobs: [\n", NAME)
    with pytest.raises(CheckFailed, match="has no `jobs:` mapping"):
        workflow.load("name: ci\n", NAME)
