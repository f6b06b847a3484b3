"""`airoadmap capstone new | rubric`: the scaffold for a CSV or a registry data set, what it
refuses, the rubric's score, and the scaffold graded NOT_ATTEMPTED."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.capstone import EXERCISE, CapstoneError, rubric, scaffold
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from airoadmap.errors import DatasetError
from airoadmap.results import CheckResult, GradeReport, Outcome
from tests.cli.test_cli import cli

TEMPLATE = exercise_dir(EXERCISE) / "starter"
EX = load_model(exercise_dir(EXERCISE) / "exercise.toml", Exercise)
FILES = list(EX.files)


def _csv(path: Path, labels: tuple[str, str] = ("no", "yes")) -> Path:
    rows = ["customer_id,gender,tenure,plan,churned"]
    for i in range(60):
        rows.append(f"c{i:04d},{'fm'[i % 2]},{i % 13},{'ab'[i % 3 == 0]},{labels[i % 4 == 0]}")
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_a_csv_is_copied_and_described(tmp_path: Path) -> None:
    folder = tmp_path / "capstone"
    made = scaffold(folder, TEMPLATE, FILES, "churn", csv=_csv(tmp_path / "churn.csv"),
                    target="churned")  # fmt: skip
    settings = tomllib.loads((folder / "capstone.toml").read_text(encoding="utf-8"))
    assert settings["name"] == "churn"
    assert settings["data"]["source"] == "data/churn.csv"
    assert settings["data"]["positive"] == "yes"  # text labels: the second value reads 1
    assert settings["data"]["features"] == ["gender", "tenure", "plan"]  # the id left out
    assert settings["data"]["sensitive"] == made.sensitive == "gender"
    assert (folder / "data" / "churn.csv").is_file()
    assert "# churn" in (folder / "README.md").read_text(encoding="utf-8")
    assert all((folder / name).is_file() for name in FILES)


def test_the_scaffold_reads_not_attempted(tmp_path: Path) -> None:
    folder = tmp_path / "capstone"
    scaffold(folder, TEMPLATE, FILES, "churn", csv=_csv(tmp_path / "c.csv"), target="churned")
    result = run_inprocess(EXERCISE, {name: folder / name for name in FILES})
    assert {c.outcome for c in result.checks.values()} == {"NOT_ATTEMPTED"}


def test_it_never_overwrites_work(tmp_path: Path) -> None:
    folder = tmp_path / "capstone"
    data = _csv(tmp_path / "c.csv")
    scaffold(folder, TEMPLATE, FILES, "churn", csv=data, target="churned")
    scaffold(folder, TEMPLATE, FILES, "churn", csv=data, target="churned")  # capstone.toml only
    (folder / "design.md").write_text("# mine\n", encoding="utf-8")
    with pytest.raises(CapstoneError, match="already holds your work"):
        scaffold(folder, TEMPLATE, FILES, "churn", csv=data, target="churned")
    assert (folder / "design.md").read_text(encoding="utf-8") == "# mine\n"


@pytest.mark.parametrize(
    ("kwargs", "says"),
    [
        ({"name": "Churn Model"}, "not a project name"),
        ({"csv": None}, "give the data"),
        ({"dataset": "titanic"}, "give the data"),
        ({"target": None}, "needs --target"),
        ({"target": "nope"}, "no column 'nope'"),
        ({"target": "tenure"}, "binary classification"),
        ({"sensitive": "customer_id"}, "not one of the features"),
    ],
)
def test_bad_requests_get_one_line(tmp_path: Path, kwargs: dict[str, object], says: str) -> None:
    given: dict[str, object] = {"name": "churn", "csv": _csv(tmp_path / "c.csv"),
                                "target": "churned", **kwargs}  # fmt: skip
    with pytest.raises(CapstoneError, match=says):
        scaffold(tmp_path / "capstone", TEMPLATE, FILES, **given)  # type: ignore[arg-type]


def test_a_registry_data_set_drops_its_leaky_columns(tmp_path: Path) -> None:
    try:
        made = scaffold(tmp_path / "capstone", TEMPLATE, FILES, "titanic", dataset="titanic")
    except DatasetError as exc:
        pytest.skip(str(exc))
    assert made.target == "survived" and made.sensitive == "sex" and made.rows == 1309
    assert made.features == ["pclass", "sex", "age", "sibsp", "parch", "fare", "embarked"]
    header = (tmp_path / "capstone" / "data" / "titanic.csv").read_text().splitlines()[0]
    assert "boat" not in header and "body" not in header


def test_the_rubric_weighs_what_passed() -> None:
    names = [item.check for item in EX.rubric]
    checks = [CheckResult(names[0], Outcome.PASS), CheckResult(names[1], Outcome.FAIL, "do x")]
    checks += [CheckResult(name, Outcome.PASS) for name in names[3:]]
    report = GradeReport(EXERCISE, Outcome.FAIL, "", checks=checks)
    graded = rubric(EX, report.checks)
    stored = rubric(EX, [c.model_dump(mode="json") for c in report.checks])  # an attempt's
    assert stored == graded
    weights = {item.check: item.weight for item in EX.rubric}
    assert graded.total == sum(weights.values())
    assert graded.passed == graded.total - weights[names[1]] - weights[names[2]]
    assert graded.lines[1].message == "do x"
    assert graded.lines[2].outcome == "MISSING"
    assert 0 < graded.score < 1


def test_capstone_new_from_the_cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "ws"
    code, out = cli("init", str(root), "--start", "2026-01-05", "--hours", "10")
    assert code == 0, out
    monkeypatch.chdir(root)
    data = _csv(tmp_path / "churn.csv")
    code, out = cli("capstone", "new", "churn", "--csv", str(data), "--target", "churned")
    assert code == 0, out
    assert "60 rows" in out and "'gender'" in out
    folder = next(root.glob("*/capstone"))
    assert (folder / "data" / "churn.csv").is_file()
    code, out = cli("capstone", "new", "churn", "--data", "titanic", "--csv", str(data))
    assert code == 1 and "give the data" in out


def test_capstone_rubric_prints_the_score(monkeypatch: pytest.MonkeyPatch) -> None:
    import json

    import airoadmap.checking

    names = [item.check for item in EX.rubric]
    checks = [CheckResult(name, Outcome.PASS) for name in names[1:]]
    checks.insert(0, CheckResult(names[0], Outcome.FAIL, "say why in no_sensitive"))
    report = GradeReport(EXERCISE, Outcome.FAIL, "", checks=checks)
    monkeypatch.setattr(airoadmap.checking, "check_exercise", lambda exercise_id: report)
    code, out = cli("capstone", "rubric", "--json")
    data = json.loads(out)
    assert code == 1 and data["outcome"] == "FAIL"
    assert data["passed"] == data["total"] - EX.rubric[0].weight
    assert data["items"][0]["message"] == "say why in no_sensitive"
    code, out = cli("capstone", "rubric")
    assert (
        "say why in no_sensitive" in out and f"score {data['passed']:g} / {data['total']:g}" in out
    )
