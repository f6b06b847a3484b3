"""Checks for m12-capstone: the learner's own project, graded as a rubric.

Each check is one rubric item of exercise.toml's `[[rubric]]` (its weight there); each says
what to do when it fails. Cheap static checks first (settings, README, design doc, Dockerfile,
workflow, model card), then the ones that run code as the learner does: the project's own
tests (pytest in a child process), `python train.py` (once per grading run, run as __main__ in
this process, in a copy of the project, so what it writes is judged: metrics.json and
artifacts/model.joblib), the fairness audit recomputed from that model, and `uvicorn
service:app` in that copy (started once, on the model at its default path).

A file that still holds the scaffold's marker TODO(capstone) reads NOT_ATTEMPTED: the check
raises NotImplementedError from that line of the learner's file, which is how the harness
tells "not started" from "wrong".
"""

from __future__ import annotations

import contextlib
import http.client
import importlib.util
import io
import json
import math
import os
import re
import runpy
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import traceback
import weakref
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from airoadmap.grading.api import CheckFailed, Context, check, expect, expect_bar, fail
from airoadmap.grading.kit import dockerfile, servecontract, service, workflow

EXERCISE = "m12-capstone"
WORKFLOW = ".github/workflows/ci.yml"
MARKER = "TODO(capstone)"
METRICS = {"accuracy", "balanced_accuracy"}  # binary classification, higher is better
MIN_TESTS = 3  # the project's own tests
SCORE_TOLERANCE = 0.005  # a re-run's score or baseline against metrics.json
RATE_TOLERANCE = 0.002  # a group's rate against the check's own count (4-decimal rounding)
GAP_TOLERANCE = 0.004  # a gap between two rounded rates
MIN_WORDS_DESIGN = 40  # per design.md section
MIN_WORDS_CARD = 20  # per model_card.md section
MIN_WORDS_README = 60
MIN_WORDS_REASON = 8  # capstone.toml's no_sensitive
SERVICE_ROWS = 40  # test rows sent to /predict
DATA_ROWS_PER_REQUEST = 100  # every row of the data is sent, this many per request
UNKNOWN_FIELD = "not_a_feature"
MAX_BATCH = 1000  # rows in one request; one more must be refused
HUGE_TEXT = 1_000_000  # characters of a text feature in the "huge" body; no answer so long
SCHEMATHESIS_EXAMPLES = 8  # generated bodies per operation (hypothesis, derandomized)
TIMEOUT_S = 20.0  # one request
MARK = 0.123456789123  # a value no row holds, replaced by NaN or Infinity in the body
DESIGN_SECTIONS = ("requirements", "data", "model", "serving", "monitoring", "risks", "cost")
CARD_SECTIONS = ("model", "data", "results", "limitations")
README_COMMANDS = ("python train.py", "pytest", "uvicorn service:app")
DECIMAL = re.compile(r"(?<![\w.])(\d+\.\d+)(%?)(?![\w.])")
MODEL_FILE = "artifacts/model.joblib"  # where `python train.py` saves the model (the scaffold's)
SKIPPED = {"__pycache__", ".pytest_cache", ".ruff_cache", ".mypy_cache", "artifacts"}
_runs: dict[str, dict[str, Any]] = {}  # "run": `python train.py`'s run, once per grading run


# -- helpers -----------------------------------------------------------------------------------


def _text(ctx: Context, name: str) -> str:
    """The learner's file `name`; NOT_ATTEMPTED while it holds the scaffold's marker."""
    path = ctx.path(name)
    if not path.is_file():
        fail(f"{name} is missing: `airoadmap capstone new` writes a template of it")
    text = path.read_text(encoding="utf-8", errors="replace")
    for number, line in enumerate(text.splitlines(), 1):
        if MARKER in line:  # raised "from" the learner's line: the harness reads NOT_ATTEMPTED
            exec(compile("\n" * (number - 1) + "raise NotImplementedError", str(path), "exec"))
    return text


def _settings(ctx: Context) -> dict[str, Any]:
    try:
        return tomllib.loads(_text(ctx, "capstone.toml"))
    except tomllib.TOMLDecodeError as exc:
        fail(f"capstone.toml is not valid TOML: {exc}")


def _sections(text: str) -> dict[str, str]:
    """'## Title' -> the text under it (titles lowercased, first word kept)."""
    found: dict[str, str] = {}
    current = ""
    for line in text.splitlines():
        heading = re.match(r"^##\s+(\S+)", line)
        if heading:
            current = heading[1].lower().strip(":")
            found[current] = ""
        elif current:
            found[current] += line + "\n"
    return found


def _words(text: str) -> int:
    return len(re.findall(r"[A-Za-z][\w'-]*", text))


def _need_sections(name: str, text: str, wanted: tuple[str, ...], min_words: int) -> None:
    sections = _sections(text)
    missing = [s for s in wanted if s not in sections]
    expect(
        not missing,
        f"{name} lacks the section(s) {', '.join('## ' + s.title() for s in missing)}: one "
        f"'## Title' heading each ({', '.join(s.title() for s in wanted)})",
    )
    for title in wanted:
        count = _words(sections[title])
        expect(
            count >= min_words,
            f"{name}'s '## {title.title()}' has {count} words; write at least {min_words}: "
            "what you decided and why, with your figures",
        )


def _numbers(value: Any) -> list[float]:
    """Every number in a JSON value (nested dicts and lists)."""
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return []


def _committed(ctx: Context) -> dict[str, Any]:
    text = _text(ctx, "metrics.json")
    try:
        metrics = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"metrics.json is not JSON ({exc}): `python train.py` writes it")
    expect(isinstance(metrics, dict), "metrics.json must hold a JSON object")
    for key in ("metric", "score", "baseline_score", "train_rows", "test_rows"):
        expect(key in metrics, f"metrics.json has no '{key}': `python train.py` must write it")
    expect(
        metrics["metric"] in METRICS,
        f"metrics.json's metric is {metrics['metric']!r}; use one of {sorted(METRICS)} "
        "(the capstone is a binary classification)",
    )
    return metrics


def _split(ctx: Context) -> tuple[Any, Any, str]:
    """The learner's test features and labels (their own split), and the target's name."""
    data = ctx.load("data")
    target = _settings(ctx)["data"]["target"]
    _, test = data.split(data.load_frame())
    return test.drop(columns=target), test[target].to_numpy(), target


def _score(metric: str, truth: Any, predicted: Any) -> float:
    from sklearn.metrics import accuracy_score, balanced_accuracy_score

    scorer = accuracy_score if metric == "accuracy" else balanced_accuracy_score
    return float(scorer(truth, predicted))


def _copy(ctx: Context) -> Path:
    """A copy of the project without its metrics.json or artifacts/, so that all a run of
    train.py leaves there is new: in the working copy (removed with it), else in the
    temporary folder."""
    try:
        parent = Path(tempfile.mkdtemp(prefix="capstone-run-", dir=ctx.workdir))
    except OSError:
        parent = Path(tempfile.mkdtemp(prefix="capstone-run-"))
    project = parent / "project"
    shutil.copytree(
        ctx.workdir,
        project,
        ignore=lambda folder, names: [
            n for n in names if n in SKIPPED or n.startswith(("capstone-run-", "check-"))
        ],
    )
    (project / "metrics.json").unlink(missing_ok=True)
    return project


@contextlib.contextmanager
def _as_script(project: Path, origin: Path, script: str) -> Iterator[None]:
    """`python <script>` in `project`, in this process: that folder as the cwd and first on
    sys.path, argv as the command line, the learner's modules (loaded from `origin`, the
    working copy) imported afresh from the copy; all put back afterwards."""
    saved_modules = dict(sys.modules)
    saved_path, saved_argv, saved_cwd = list(sys.path), list(sys.argv), os.getcwd()

    def learner(module: Any, folder: Path) -> bool:
        where = getattr(module, "__file__", None)
        return isinstance(where, str) and Path(where).resolve().is_relative_to(folder.resolve())

    for name, module in saved_modules.items():
        if learner(module, origin):
            del sys.modules[name]
    sys.path.insert(0, str(project))
    sys.argv = [script]
    os.chdir(project)
    try:
        yield
    finally:
        os.chdir(saved_cwd)
        sys.argv, sys.path[:] = saved_argv, saved_path
        for name, module in list(sys.modules.items()):
            if name not in saved_modules and learner(module, project):
                del sys.modules[name]
        sys.modules.update(saved_modules)


def _run(ctx: Context) -> dict[str, Any]:
    """`python train.py` as the learner runs it, once per grading run, in a copy of the
    project: what it wrote (metrics.json beside train.py, artifacts/model.joblib), the model
    loaded from there, and its predictions on the learner's test rows."""
    held = _runs.get("run")
    if held is None or held["ctx"]() is not ctx:
        held = _runs["run"] = {"ctx": weakref.ref(ctx)}
        try:
            held.update(_train(ctx))
        except CheckFailed as exc:  # every check that needs the run says why it failed
            held["error"] = exc
        except BaseException:  # not attempted (the marker), or the content broke: not kept
            del _runs["run"]
            raise
    if "error" in held:
        raise held["error"]
    return held


def _train(ctx: Context) -> dict[str, Any]:
    import joblib

    _text(ctx, "train.py")
    project = _copy(ctx)
    try:
        with (
            _as_script(project, ctx.workdir, "train.py"),
            contextlib.redirect_stdout(io.StringIO()),
        ):
            runpy.run_path(str(project / "train.py"), run_name="__main__")
    except SystemExit as exc:
        expect(exc.code in (None, 0), f"`python train.py` exited with status {exc.code}")
    except Exception as exc:  # the learner's code failed: say where, in their files
        mine = [
            f
            for f in traceback.extract_tb(exc.__traceback__)
            if Path(f.filename).resolve().is_relative_to(project.resolve())
        ]
        where = (
            f" ({Path(mine[-1].filename).resolve().relative_to(project.resolve())} line "
            f"{mine[-1].lineno})"
            if mine
            else ""
        )
        fail(
            f"`python train.py` failed{where}: {type(exc).__name__}: {exc}. Run it in your "
            "project folder"
        )
    written = project / "metrics.json"
    expect(
        written.is_file(),
        "`python train.py` wrote no metrics.json beside train.py: main() must write it "
        "(the run's figures, committed with the project)",
    )
    try:
        metrics = json.loads(written.read_text(encoding="utf-8"))
    except (ValueError, UnicodeDecodeError) as exc:
        fail(f"the metrics.json that `python train.py` writes is not JSON: {exc}")
    expect(isinstance(metrics, dict), "the metrics.json that `python train.py` writes is no object")
    model_file = project / MODEL_FILE
    expect(
        model_file.is_file(),
        f"`python train.py` wrote no {MODEL_FILE}: save the model there (service.py loads it "
        "from there by default, and the Dockerfile copies it)",
    )
    try:
        model = joblib.load(model_file)
    except Exception as exc:  # any unpickling error is the learner's
        fail(f"{MODEL_FILE}, as `python train.py` wrote it, does not load: {exc}")
    features, labels, _ = _split(ctx)
    return {
        "project": project,
        "metrics": metrics,
        "model": model,
        "model_file": model_file,
        "features": features,
        "labels": labels,
        "predicted": model.predict(features),
    }


# -- static items ------------------------------------------------------------------------------


@check("capstone.toml names the data, its target, features and a seed", hint="settings")
def settings_complete(ctx: Context) -> None:
    settings = _settings(ctx)
    for table, key in (
        ("data", "source"),
        ("data", "target"),
        ("data", "features"),
        ("run", "seed"),
        ("run", "metric"),
    ):
        expect(key in settings.get(table, {}), f"capstone.toml has no [{table}] {key}")
    data = settings["data"]
    try:
        frame = ctx.load("data").load_frame()
    except (ValueError, KeyError, OSError) as exc:
        fail(f"data.load_frame() failed on capstone.toml's settings: {exc}")
    missing = [c for c in [*data["features"], data["target"]] if c not in frame.columns]
    expect(not missing, f"capstone.toml names columns the data lacks: {', '.join(missing)}")
    labels = set(frame[data["target"]].dropna().unique().tolist())
    expect(
        labels <= {0, 1},
        f"the target {data['target']!r} holds {sorted(map(str, labels))[:5]}: the capstone is a "
        "binary classification, labels 0 and 1 (map yours in data.load_frame)",
    )
    sensitive = data.get("sensitive", "")
    if sensitive:
        expect(
            sensitive in data["features"],
            f"the sensitive attribute {sensitive!r} is not one of the features: list it there "
            "(the model may still drop it), so the audit can group the test rows by it",
        )
    else:
        reason = data.get("no_sensitive", "")
        expect(
            _words(reason) >= MIN_WORDS_REASON,
            "capstone.toml sets no sensitive attribute: say why in [data] no_sensitive (at "
            f"least {MIN_WORDS_REASON} words), or name the column to audit fairness by",
        )


@check("README.md says what the project is and how to reproduce it", hint="docs")
def readme_runs(ctx: Context) -> None:
    text = _text(ctx, "README.md")
    count = _words(text)
    expect(
        count >= MIN_WORDS_README,
        f"README.md has {count} words; write at least "
        f"{MIN_WORDS_README}: the problem, the result, how to run it",
    )
    missing = [c for c in README_COMMANDS if c not in text]
    expect(
        not missing,
        f"README.md does not show the command(s) {', '.join(map(repr, missing))}: "
        "a reader must be able to train, test and serve from it",
    )


@check("design.md has its sections, each written out", hint="docs")
def design_doc(ctx: Context) -> None:
    _need_sections("design.md", _text(ctx, "design.md"), DESIGN_SECTIONS, MIN_WORDS_DESIGN)


@check("the Dockerfile follows the month-10 rules", hint="container")
def dockerfile_rules(ctx: Context) -> None:
    # grading.kit.dockerfile's rules, those of m10-container, where the capstone's layout
    # differs: hadolint is skipped where it is not installed (m10 needs it); the capstone has no
    # healthcheck.py (its HEALTHCHECK is judged by its command line alone) and no .dockerignore
    # (the secrets rule reads the Dockerfile only); its CMD must start service:app.
    text = _text(ctx, "Dockerfile")
    binary = dockerfile.hadolint_binary()
    if binary is not None:
        with ctx.scratch() as home:
            dockerfile.hadolint_clean(dockerfile.hadolint_findings(binary, text, Path(home)))
    instructions = dockerfile.parse(text, exercise=EXERCISE)
    dockerfile.base_image_slim_pinned(instructions)
    dockerfile.runs_as_non_root(dockerfile.final(instructions))
    dockerfile.dependencies_before_code(instructions)
    dockerfile.healthcheck_instruction(instructions)
    dockerfile.serves_on_exposed_port(instructions)
    words, start = dockerfile.command(dockerfile.final(instructions))
    expect(
        "service:app" in words,
        f"{start.where()}: the Dockerfile's CMD does not start service:app (e.g. CMD "
        '["uvicorn", "service:app", "--host", "0.0.0.0", "--port", "8000"])',
    )
    dockerfile.no_secrets(instructions)


@check("the CI workflow lints, tests, then builds the image", hint="ci")
def workflow_rules(ctx: Context) -> None:
    # grading.kit.workflow's rules, those of m11-monitoring, where the capstone differs: the
    # schema is skipped where check-jsonschema is not installed; the capstone has no deploy
    # job, so what must wait for the tests is the (first) job that builds the image.
    import yaml

    try:
        doc = yaml.safe_load(_text(ctx, WORKFLOW))
    except yaml.YAMLError as exc:
        fail(f"{WORKFLOW} is not valid YAML: {exc}")
    expect(isinstance(doc, dict), f"{WORKFLOW} must be a mapping with on: and jobs:")
    if True in doc:  # YAML 1.1 reads the key `on` as true
        doc["on"] = doc.pop(True)
    expect("on" in doc, f"{WORKFLOW} has no `on:` (when the workflow runs)")
    if importlib.util.find_spec("check_jsonschema") is not None:
        workflow.schema_valid(doc, WORKFLOW)
    all_jobs = doc.get("jobs")
    expect(isinstance(all_jobs, dict) and bool(all_jobs), f"{WORKFLOW} has no jobs")
    for job_id, job in all_jobs.items():
        steps = job.get("steps", []) if isinstance(job, dict) else []
        expect(bool(steps), f"{WORKFLOW}: job {job_id!r} has no steps")
    workflow.actions_pinned(doc, WORKFLOW)
    workflow.lint_test_build(doc, WORKFLOW)
    jobs = workflow.jobs(doc)
    testers = workflow.jobs_doing(jobs, workflow.TEST_TOOLS)
    build = workflow.jobs_doing(jobs, workflow.BUILD_TOOLS)[0]
    if build in testers:
        text = workflow.job_text(jobs[build])
        expect(
            _first(text, workflow.BUILD_TOOLS) > _first(text, workflow.TEST_TOOLS),
            f"{WORKFLOW}: job {build!r} builds the image before it runs the tests",
        )
    else:
        expect(
            bool(workflow.upstream(jobs, build) & set(testers)),
            f"{WORKFLOW}: job {build!r} builds the image without `needs: "
            f"{', '.join(sorted(testers))}`: the image must be built only after the tests "
            "passed",
        )


def _first(text: str, tools: tuple[str, ...]) -> int:
    """Where in `text` the first of `tools` appears."""
    return min(text.index(t) for t in tools if t in text)


@check("model_card.md's figures are metrics.json's", hint="card")
def model_card_figures(ctx: Context) -> None:
    metrics = _committed(ctx)
    text = _text(ctx, "model_card.md")
    sensitive = _settings(ctx)["data"].get("sensitive", "")
    wanted = CARD_SECTIONS + (("fairness",) if sensitive else ())
    _need_sections("model_card.md", text, wanted, MIN_WORDS_CARD)
    known = _numbers(metrics)
    shown: list[tuple[float, int]] = []  # each figure as a fraction, and its decimals
    for match in DECIMAL.finditer(text):
        figure, percent = match[1], match[2]
        decimals = len(figure.split(".")[1])
        value = float(figure) / (100 if percent else 1)
        digits = decimals + (2 if percent else 0)
        if not any(math.isclose(round(k, digits), value, abs_tol=1e-12) for k in known):
            line = text[: match.start()].count("\n") + 1
            fail(
                f"model_card.md line {line}: {figure}{percent} is not a figure of metrics.json "
                "(rounded as shown): copy figures from the run, never by hand"
            )
        shown.append((value, digits))
    for key in ("score", "baseline_score"):
        value = float(metrics[key])
        expect(
            any(math.isclose(v, round(value, d), abs_tol=1e-12) for v, d in shown if d >= 2),
            f"model_card.md does not state metrics.json's {key} ({value:g}) with at least "
            "2 decimals",
        )


# -- items that run the project ----------------------------------------------------------------


@check("the project's own tests pass", hint="tests")
def own_tests_pass(ctx: Context) -> None:
    _text(ctx, "tests/test_capstone.py")
    if importlib.util.find_spec("pytest") is None:
        fail("pytest is not installed where the checks run: pip install pytest")
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1", "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=ctx.workdir,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    last = (done.stdout.strip().splitlines() or ["(no output)"])[-1]
    expect(
        done.returncode == 0,
        f"pytest tests/ failed: {last}. Run `pytest -q tests` in your project folder",
    )
    passed = re.search(r"(\d+) passed", last)
    count = int(passed[1]) if passed else 0
    ctx.record("own_tests", count)
    expect(
        count >= MIN_TESTS,
        f"tests/ holds {count} passing test(s); write at least "
        f"{MIN_TESTS}: the split, the model against its baseline, the service or the audit",
    )


@check("training re-runs to metrics.json and beats its baseline", hint="training")
def training_reproduces(ctx: Context) -> None:
    committed = _committed(ctx)
    run = _run(ctx)
    metrics = run["metrics"]
    for key in ("metric", "train_rows", "test_rows"):
        expect(
            metrics.get(key) == committed[key],
            f"`python train.py` writes {key} = {metrics.get(key)!r}, your metrics.json says "
            f"{committed[key]!r}: run it again and commit the metrics.json it writes",
        )
    for key in ("score", "baseline_score"):
        expect(
            abs(float(metrics.get(key, math.nan)) - float(committed[key])) <= SCORE_TOLERANCE,
            f"`python train.py` writes {key} = {metrics.get(key)}, your metrics.json says "
            f"{committed[key]} (tolerance {SCORE_TOLERANCE}): seed every random step and "
            "commit the metrics.json of your last run",
        )
    truth, predicted = run["labels"], run["predicted"]
    mine = _score(metrics["metric"], truth, predicted)
    expect(
        abs(mine - float(metrics["score"])) <= RATE_TOLERANCE,
        f"{MODEL_FILE} scores {mine:.4f} {metrics['metric']} on data.split's test rows, "
        f"`python train.py` reports {metrics['score']}: report the model you save, on those "
        "rows",
    )
    values, counts = _unique(truth)
    majority = _score(metrics["metric"], truth, [values[counts.index(max(counts))]] * len(truth))
    expect(
        float(metrics["baseline_score"]) >= majority - RATE_TOLERANCE,
        f"the reported baseline_score {metrics['baseline_score']} is below always predicting "
        f"the most frequent class ({majority:.4f}): report at least that baseline",
    )
    ctx.record("score", float(metrics["score"]))
    expect_bar(
        ctx, "gain_over_baseline", float(metrics["score"]) - float(metrics["baseline_score"])
    )


def _unique(values: Any) -> tuple[list[Any], list[int]]:
    seen: dict[Any, int] = {}
    for v in values.tolist():
        seen[v] = seen.get(v, 0) + 1
    return list(seen), list(seen.values())


@check("the fairness audit's figures are the model's", hint="fairness")
def fairness_audit(ctx: Context) -> None:
    data = _settings(ctx)["data"]
    sensitive = data.get("sensitive", "")
    run = _run(ctx)
    metrics = run["metrics"]
    if not sensitive:
        expect(
            "fairness" not in metrics or not metrics["fairness"],
            "capstone.toml names no sensitive attribute but the run reports a fairness audit",
        )
        return
    audit = metrics.get("fairness")
    expect(
        isinstance(audit, dict), f"`python train.py` reports no 'fairness' audit by {sensitive!r}"
    )
    expect(
        audit.get("attribute") == sensitive,
        f"the audit is by {audit.get('attribute')!r}, capstone.toml says {sensitive!r}",
    )
    groups = run["features"][sensitive].astype(str).to_numpy()
    truth, predicted = run["labels"], run["predicted"]
    reported = audit.get("groups", {})
    names = sorted(set(groups.tolist()))
    expect(
        sorted(reported) == names,
        f"the audit's groups are {sorted(reported)}, the test rows hold {names}",
    )
    rates: dict[str, dict[str, float]] = {}
    for name in names:
        rows = groups == name
        own = {
            "selection_rate": float(predicted[rows].mean()),
            "true_positive_rate": float(predicted[rows & (truth == 1)].mean()),
            "false_positive_rate": float(predicted[rows & (truth == 0)].mean()),
        }
        rates[name] = own
        for key, value in own.items():
            given = reported[name].get(key)
            expect(
                given is not None and abs(float(given) - value) <= RATE_TOLERANCE,
                f"the audit's {key} of {sensitive} = {name} is {given}, the saved model's "
                f"predictions on the test rows give {value:.4f}",
            )

    def gap(key: str) -> float:
        return max(r[key] for r in rates.values()) - min(r[key] for r in rates.values())

    gaps = {
        "demographic_parity_difference": gap("selection_rate"),
        "equalized_odds_difference": max(gap("true_positive_rate"), gap("false_positive_rate")),
    }
    for key, value in gaps.items():
        given = audit.get(key)
        expect(
            given is not None and abs(float(given) - value) <= GAP_TOLERANCE,
            f"the audit's {key} is {given}; from the group rates it is {value:.4f} (the "
            "largest rate minus the smallest)",
        )
    ctx.record("demographic_parity_difference", gaps["demographic_parity_difference"])


@check("the service answers the month-10 contract", hint="service")
def service_contract(ctx: Context) -> None:
    _text(ctx, "service.py")
    run = _run(ctx)
    features = run["features"].head(SERVICE_ROWS)
    rows = json.loads(features.to_json(orient="records"))
    # As the learner runs it: `uvicorn service:app` where `python train.py` ran, so service.py
    # finds the model at its default path (MODEL_PATH unset).
    with service.run_app(
        run["project"], "service:app", health="/health", start_timeout_s=30
    ) as base:
        status, _ = _call(base, "GET", "/health")
        expect(status == 200, f"GET /health answered HTTP {status}, not 200")
        status, reply = _call(base, "GET", "/ready")
        expect(
            status == 200 and isinstance(reply, dict) and reply.get("ready") is True,
            f"GET /ready answered HTTP {status} {str(reply)[:80]} once the model was loaded: "
            'answer 200 with "ready": true then (503 with "ready": false before)',
        )
        status, reply = _call(base, "POST", "/predict", {"rows": rows})
        expect(
            status == 200,
            f"POST /predict with {len(rows)} test rows answered HTTP {status}: {str(reply)[:200]}",
        )
        expect(
            isinstance(reply, dict) and isinstance(reply.get("predictions"), list),
            'POST /predict must answer {"predictions": [...], "model_version": "..."}',
        )
        wanted = [int(v) for v in run["predicted"][: len(rows)]]
        got = reply["predictions"]
        expect(len(got) == len(wanted), f"{len(rows)} rows sent, {len(got)} predictions back")
        wrong = [i for i, (a, b) in enumerate(zip(got, wanted, strict=True)) if a != b]
        expect(
            not wrong,
            f"the service's predictions differ from the model's own on "
            f"{len(wrong)} of {len(rows)} test rows (first: row {wrong[:1]}): load the model "
            f"that MODEL_PATH names (by default {MODEL_FILE}) and prepare rows as training did",
        )
        version = reply.get("model_version")
        expect(bool(version), "the /predict answer has no model_version")
        written = run["metrics"].get("model_version")
        expect(
            written is None or str(written) == str(version),
            f"the service names its model {version!r}, the metrics.json that `python train.py` "
            f"wrote names it {written!r}: one version for one model file (e.g. the first 12 "
            "hex digits of its SHA-256, in both), so the figures can be traced to the answers",
        )
        _serves_every_row(ctx, base, run)
        _versioned(base, str(version))
        _refuses_bad_rows(base, run, rows)
        _metrics_count_traffic(base, rows)
        _schemathesis_clean(base)


def _serves_every_row(ctx: Context, base: str, run: dict[str, Any]) -> None:
    """Every row of the learner's own data (DATA_ROWS_PER_REQUEST per request) is served and
    predicted as the saved model predicts it: the schema's bounds must admit the data."""
    target = _settings(ctx)["data"]["target"]
    frame = ctx.load("data").load_frame().drop(columns=target)
    wanted = [int(v) for v in run["model"].predict(frame)]
    rows = json.loads(frame.to_json(orient="records"))
    for start in range(0, len(rows), DATA_ROWS_PER_REQUEST):
        batch = rows[start : start + DATA_ROWS_PER_REQUEST]
        status, reply = _call(base, "POST", "/predict", {"rows": batch})
        expect(
            status == 200,
            f"POST /predict with rows {start} to {start + len(batch) - 1} of data.load_frame() "
            f"answered HTTP {status}: {str(reply)[:200]}. The service must take every row of "
            "your own data: widen the bound that the message names",
        )
        got = reply.get("predictions") if isinstance(reply, dict) else None
        mine = wanted[start : start + len(batch)]
        wrong = [start + i for i, (a, b) in enumerate(zip(got or [], mine, strict=False)) if a != b]
        expect(
            got is not None and len(got) == len(mine) and not wrong,
            f"POST /predict with rows {start} to {start + len(batch) - 1} of "
            f"data.load_frame() answered {str(got)[:80]}; the saved model predicts "
            f"{str(mine)[:80]} (first difference: row {wrong[:1]})",
        )


def _versioned(base: str, version: str) -> None:
    """Every answer names the model version in its header X-Model-Version."""
    for method, path, body in (
        ("GET", "/health", None),
        ("GET", "/ready", None),
        ("POST", "/predict", b"{not json"),
    ):
        _, headers, _ = _http(base, method, path, body)
        expect(
            headers.get("x-model-version") == version,
            f"{method} {path} has no header X-Model-Version: {version} (the model_version of "
            "/predict's answer): set it on every response (a middleware), so any answer can "
            "be traced to the model that gave it",
        )


def _refuses_bad_rows(base: str, run: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    first = next(iter(rows[0]))
    broken = {k: v for k, v in rows[0].items() if k != first}
    status, reply = _call(base, "POST", "/predict", {"rows": [broken]})
    expect(
        status == 422,
        f"a row without {first!r} answered HTTP {status}, not 422: declare "
        "every feature in the pydantic schema",
    )
    expect(
        first in json.dumps(reply),
        f"the 422 answer to a row without {first!r} does not name the field",
    )
    status, _ = _call(base, "POST", "/predict", b"{not json")
    expect(status in {400, 422}, f"a body that is not JSON answered HTTP {status}, not 400 or 422")
    refused = {
        "an empty batch": {"rows": []},
        "a row with a field the model does not know": {"rows": [{**rows[0], UNKNOWN_FIELD: 1}]},
        "a body with a key besides rows": {"rows": rows[:1], UNKNOWN_FIELD: 1},
    }
    numeric = [str(c) for c in run["features"].select_dtypes("number").columns]
    if numeric:
        mistyped = {**rows[0], numeric[0]: "not a number"}
        refused[f"a row whose {numeric[0]!r} is text"] = {"rows": [mistyped]}
    for what, body in refused.items():
        status, _ = _call(base, "POST", "/predict", body)
        expect(
            status == 422,
            f"{what} answered HTTP {status}, not 422: the schema must refuse it (min_length "
            "on rows, extra='forbid' so a misspelt field is not silently dropped, typed "
            "fields)",
        )
    for what, payload, field, allowed in _bad_bodies(run, rows[0]):
        status, _, raw = _http(base, "POST", "/predict", payload)
        servecontract.refused(what, status, raw, field=field, allowed=allowed, max_bytes=HUGE_TEXT)


def _bad_bodies(
    run: dict[str, Any], row: dict[str, Any]
) -> list[tuple[str, bytes, str | None, tuple[int, ...]]]:
    """(what, body, the field the message must name, the statuses allowed): NaN, infinity,
    a batch too long, a megabyte of text."""

    def body(*rows: dict[str, Any]) -> bytes:
        return json.dumps({"rows": list(rows)}).encode()

    bodies: list[tuple[str, bytes, str | None, tuple[int, ...]]] = []
    numeric = [str(c) for c in run["features"].select_dtypes("number").columns]
    if numeric:
        name = numeric[0]
        marked = body({**row, name: MARK})  # JSON has no NaN: written in by hand
        bodies += [
            (f"{name} NaN", marked.replace(str(MARK).encode(), b"NaN", 1), name, (422,)),
            (f"{name} Infinity", marked.replace(str(MARK).encode(), b"Infinity", 1), name, (422,)),
        ]
    text = [str(c) for c in run["features"].columns if str(c) not in numeric]
    if text:
        huge = {**row, text[0]: "x" * HUGE_TEXT}
        bodies.append((f"a 1 MB {text[0]}", body(huge), text[0], (413, 422)))
    bodies.append(
        (f"a batch of {MAX_BATCH + 1} rows", body(*[row] * (MAX_BATCH + 1)), None, (413, 422))
    )
    return bodies


def _metrics_count_traffic(base: str, rows: list[dict[str, Any]]) -> None:
    """/metrics grows by exactly the traffic sent: requests by status, latencies, classes."""
    before = _samples(base)
    began = time.perf_counter()
    batches = [rows[:7], rows[7:10], rows[10:11]]
    labels: list[int] = []
    for batch in batches:
        status, reply = _call(base, "POST", "/predict", {"rows": batch})
        expect(status == 200, f"POST /predict with {len(batch)} rows answered HTTP {status}")
        labels += [int(v) for v in reply["predictions"]]
    bad = 2
    for _ in range(bad):
        _call(base, "POST", "/predict", {"rows": [{**rows[0], UNKNOWN_FIELD: 1}]})
    elapsed = time.perf_counter() - began
    servecontract.traffic_counted(
        before,
        _samples(base),
        path="/predict",
        good=len(batches),
        bad=bad,
        elapsed=elapsed,
        classes={str(label): labels.count(label) for label in (0, 1)},
        label="label",
    )


def _samples(base: str) -> servecontract.Samples:
    status, headers, raw = _http(base, "GET", "/metrics")
    return servecontract.samples(
        status,
        headers.get("content-type", ""),
        raw.decode("utf-8", "replace"),
        exercise=EXERCISE,
    )


def _schemathesis_clean(base: str) -> None:
    status, schema = _call(base, "GET", "/openapi.json")
    expect(
        status == 200 and isinstance(schema, dict),
        f"GET /openapi.json answered HTTP {status}: keep FastAPI's",
    )
    calls, found = servecontract.server_errors(
        schema, base, examples=SCHEMATHESIS_EXAMPLES, timeout_s=TIMEOUT_S, exercise=EXERCISE
    )
    servecontract.no_server_errors(
        calls,
        found,
        advice="Every value the schema allows must be served: bound each field as the "
        "model can take it (Field(ge=..., le=...), Literal[...]).",
    )


def _http(
    base: str, method: str, path: str, body: bytes | None = None
) -> tuple[int, dict[str, str], bytes]:
    """One request: the status, the headers (lowercased names) and the raw body."""
    host, port = base.rsplit("/", 1)[-1].split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=TIMEOUT_S)
    try:
        headers = {"Content-Type": "application/json"} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        reply = connection.getresponse()
        return reply.status, {k.lower(): v for k, v in reply.getheaders()}, reply.read()
    finally:
        connection.close()


def _call(base: str, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    payload = (
        body if isinstance(body, bytes) else None if body is None else json.dumps(body).encode()
    )
    status, _, raw = _http(base, method, path, payload)
    try:
        return status, json.loads(raw)
    except ValueError:
        return status, raw.decode("utf-8", "replace")
