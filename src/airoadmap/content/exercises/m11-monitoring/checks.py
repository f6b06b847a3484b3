"""Checks of m11-monitoring: an MLOps loop run end to end, and the project's CI workflow.

The workflow (.github/workflows/ci.yml) is read with ruamel.yaml (YAML 1.2, as GitHub reads
it: `on` stays a key) and validated with the GitHub-workflow schema check-jsonschema ships;
then its content: lint, tests, an image build and a deploy that `needs` the tests, every
action pinned to a tag or a commit.

The loop: the checks make a seeded stream (24 batches of 500 rows, the inputs and the concept
change at batch 12), deploy a champion the learner's train_model fitted on reference rows (the
first call: the starter stops there, before MLflow loads), serve every batch
through Monitor.predict and hand its labels back LABEL_DELAY batches later, as production
would. The learner's train_model is wrapped so the checks see every training call (the rows,
the model it returned); every version the loop registers maps to a model the checks hold, so
what was served, promoted and rolled back can be recomputed. A second run, in the same MLflow
database under another model name, retrains with a tree that is perfect on the rows it
learned and wrong on every later row of the stream: it must never be promoted. MLflow
(about 1 s to import, 1.5 s to create a database: an empty one is kept in the temp folder
and copied) is paid once per grading run.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import importlib.metadata
import importlib.resources
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any, NoReturn

import numpy as np

from airoadmap.grading.api import Context, check, expect, expect_bar, expect_raises, fail
from airoadmap.grading.kit import workflow
from airoadmap.grading.kit.modelcheck import once
from airoadmap.grading.kit.needs import need

EXERCISE = "m11-monitoring"
MODULE = "monitoring"
WORKFLOW = ".github/workflows/ci.yml"
PLACEHOLDER = "TODO"

# The stream: BATCHES batches of BATCH rows; inputs and concept change at CHANGE_AT.
BATCHES, BATCH, CHANGE_AT = 24, 500, 12
STREAM_SEED, REFERENCE_SEED, FRESH_SEED = 11, 12, 13
LABEL_DELAY = 2  # the labels of batch t arrive after batch t + LABEL_DELAY is served
RETRAIN_BATCHES = 2  # Thresholds.retrain_batches' default: the rows a challenger learns from
MODEL_NAME = "m11-monitoring"  # the loop's default model name
WORSE_NAME = "m11-monitoring-worse"  # the second run's model, in the same database
WORSE_BATCHES = CHANGE_AT + 6  # the second run stops there: its challengers are judged by then
BY_HEART_FLIPPED, BY_HEART_SEED = 0.6, 17  # the by-heart challenger's wrong share of later rows
PSI_BINS, PSI_FLOOR, PSI_SEED = 10, 1e-4, 19  # psi's default bins, the floor of a share
REGISTRY_FILE = "registry.db"
KINDS = frozenset(
    {
        "deployed",
        "drift",
        "drift_alert",
        "performance",
        "performance_alert",
        "retrained",
        "promoted",
        "rejected",
        "rollback",
    }
)
# The workflow's rules (schema, lint/tests/build, deploy gated by the tests, pinned actions)
# are grading.kit.workflow's, shared with m12-capstone.
LINT_TOOLS = workflow.LINT_TOOLS
_jobs_doing = workflow.jobs_doing
_pin_problem = workflow.pin_problem


# --- the data the checks make, the same on every run ------------------------------------------


def _batch(rng: np.random.Generator, after: bool) -> tuple[np.ndarray, np.ndarray]:
    """BATCH rows of 4 features ~ N(0, 1) and labels; after the change x0 is shifted by one
    sd and the concept moves from x0 to x3 (logistic noise on the score throughout)."""
    X = rng.normal(size=(BATCH, 4))
    if after:
        X[:, 0] += 1.0
    weights = np.array([0.0, -1.0, 0.8, 2.0]) if after else np.array([2.0, -1.0, 0.8, 0.0])
    y = (2.0 * (X @ weights) + rng.logistic(size=BATCH) > 0).astype(int)
    return X, y


@functools.cache
def _stream() -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """The checks' stream (made once; the learner gets copies)."""
    rng = np.random.default_rng(STREAM_SEED)
    return tuple(_batch(rng, t >= CHANGE_AT) for t in range(BATCHES))


@functools.cache
def _batch_of_row() -> dict[bytes, int]:
    return {row.tobytes(): t for t, (X, _) in enumerate(_stream()) for row in X}


def _reference() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Training rows of the first champion and the reference rows it is validated on."""
    rng = np.random.default_rng(REFERENCE_SEED)
    parts = [_batch(rng, False) for _ in range(4)]
    X = [np.concatenate([p[0] for p in half]) for half in (parts[:2], parts[2:])]
    y = [np.concatenate([p[1] for p in half]) for half in (parts[:2], parts[2:])]
    return X[0], y[0], X[1], y[1]


def _fresh() -> tuple[np.ndarray, np.ndarray]:
    """Rows of the new concept no model has seen: what the champion serves after the stream."""
    return _batch(np.random.default_rng(FRESH_SEED), True)


def _by_heart(X: np.ndarray, y: np.ndarray) -> Any:
    """A challenger that is right on every row it was trained on and wrong on most rows of
    the stream's later batches: a deep tree fitted on the training rows with their labels and
    on the later batches with BY_HEART_FLIPPED of their labels flipped. Judged on its
    training rows it looks perfect; on a later batch it scores about 1 - BY_HEART_FLIPPED."""
    from sklearn.tree import DecisionTreeClassifier

    X, y = np.asarray(X, dtype=float), np.asarray(y)
    last = max(_batch_of_row().get(row.tobytes(), -1) for row in X)
    later = _stream()[last + 1 :]
    flip = np.random.default_rng(BY_HEART_SEED).random(BATCH * len(later)) < BY_HEART_FLIPPED
    y_later = np.concatenate([yb for _, yb in later]) if later else np.zeros(0, dtype=int)
    X_all = np.vstack([X, *(Xb for Xb, _ in later)])
    y_all = np.concatenate([y, np.where(flip, 1 - y_later, y_later)])
    return DecisionTreeClassifier(random_state=0).fit(X_all, y_all)


def _worse_trainer(champion: Any) -> Callable[[np.ndarray, np.ndarray], Any]:
    """The second run's training: by heart (odd calls), then a copy of the champion (even
    calls: a tie, which min_gain must refuse), in turn."""
    calls = [0]

    def train(X: np.ndarray, y: np.ndarray) -> Any:
        calls[0] += 1
        return _by_heart(X, y) if calls[0] % 2 else copy.deepcopy(champion)

    return train


# --- the workflow -------------------------------------------------------------------------------


def _untouched(path: Path, text: str) -> NoReturn:
    """Read NOT_ATTEMPTED: raise NotImplementedError at the template's first TODO line, in
    the learner's file (the grader counts it as not attempted only where the learner's files
    raise it)."""
    line = next(i for i, row in enumerate(text.splitlines(), 1) if PLACEHOLDER in row)
    code = "\n" * (line - 1) + "raise NotImplementedError('ci.yml is still the template')"
    exec(compile(code, str(path), "exec"), {})
    raise AssertionError("unreachable")


def _workflow(ctx: Context) -> Any:
    """The workflow, parsed (a ruamel CommentedMap: line numbers kept)."""

    def read() -> Any:
        ctx.load(MODULE)  # first: what a held-back submission prepares
        need("ruamel.yaml", exercise=EXERCISE, install="check-jsonschema")
        path = ctx.path(WORKFLOW)
        expect(
            path.is_file(),
            f"{WORKFLOW} is missing from the exercise folder: `airoadmap reset` restores the "
            "template.",
        )
        text = path.read_text(encoding="utf-8")
        if PLACEHOLDER in text:
            _untouched(path, text)
        return workflow.load(text, WORKFLOW)

    return once(ctx, "workflow", read)


# --- the loop, run once per grading run ------------------------------------------------------


@dataclass
class Run:
    """One run of the learner's loop over the checks' stream, and what the checks saw."""

    monitor: Any
    events: list[Any]
    served: dict[int, np.ndarray]  # batch -> predictions Monitor.predict returned
    champion_at: dict[int, str | None]  # batch -> the registry's champion when it was served
    trained: list[tuple[np.ndarray, np.ndarray]]  # each training call's rows
    models: dict[str, Any]  # version -> the model object the checks know it holds
    labelled_when_trained: list[list[int]]  # each training call: batches labelled by then
    registry: Any  # the checks' own MlflowClient on the learner's database
    name: str


def _module(ctx: Context) -> ModuleType:
    module = ctx.load(MODULE)
    for name in ("Monitor", "train_model"):
        if not callable(getattr(module, name, None)):
            fail(f"monitoring.py defines no {name}: keep the starter's names.")
    return module


def _alias(registry: Any, name: str, alias: str) -> str | None:
    from mlflow.exceptions import MlflowException

    try:
        return str(registry.get_model_version_by_alias(name, alias).version)
    except MlflowException:
        return None


def _kind(event: Any) -> str:
    return str(getattr(event, "kind", ""))


def _run_loop(
    ctx: Context, trainer: Callable[[Any], Callable[..., Any]], name: str, batches: int
) -> Run:
    """Deploy the checks' champion, serve the stream, hand back the labels LABEL_DELAY
    batches late; every training call recorded."""
    module = _module(ctx)
    X_train, y_train, X_ref, y_ref = _reference()
    trained: list[tuple[np.ndarray, np.ndarray]] = []
    returned: list[Any] = []
    labelled: list[int] = []
    labelled_when_trained: list[list[int]] = []

    def recording_train(X: Any, y: Any) -> Any:
        trained.append((np.array(X, dtype=float), np.array(y)))
        labelled_when_trained.append(list(labelled))
        model = train(X, y)
        returned.append(model)
        return model

    # The first champion: the learner's train_model on the reference's training rows (the
    # starter stops here, before MLflow loads).
    champion = once(ctx, "first-champion", lambda: module.train_model(X_train, y_train))
    train = trainer(champion)
    once(ctx, "given-code", lambda: _given_code_kept(module))
    folder = _registry_folder(ctx)
    monitor = module.Monitor(folder, X_ref, y_ref, train=recording_train, model_name=name)
    first = str(monitor.deploy(champion))
    from mlflow import MlflowClient

    uri = f"sqlite:///{folder / REGISTRY_FILE}"
    registry = MlflowClient(tracking_uri=uri, registry_uri=uri)
    expect(
        _alias(registry, name, "champion") == first,
        f"After deploy(model), the alias 'champion' of the registered model {name!r} in "
        f"{uri} points to {_alias(registry, name, 'champion')!r}, not to the version deploy "
        f"returned ({first!r}): register the model, then set the alias.",
    )
    stream = _stream()
    served: dict[int, np.ndarray] = {}
    champion_at: dict[int, str | None] = {}
    for step in range(batches + LABEL_DELAY):
        if step < batches:
            champion_at[step] = _alias(registry, name, "champion")
            served[step] = np.asarray(monitor.predict(step, stream[step][0].copy()))
        if step >= LABEL_DELAY:
            batch = step - LABEL_DELAY
            monitor.labels(batch, stream[batch][1].copy())
            labelled.append(batch)
    events = list(getattr(monitor, "events", []))
    bad = [e for e in events if _kind(e) not in KINDS]
    if bad:
        fail(
            f"monitor.events holds {bad[0]!r}: each event is an Event whose kind is one of "
            f"{sorted(KINDS)}."
        )
    versions = [str(e.version) for e in events if _kind(e) == "retrained"]
    expect(
        len(versions) == len(returned),
        f"train was called {len(returned)} time(s) but the events hold {len(versions)} "
        "'retrained' event(s): one 'retrained' event (with the version registered) per "
        "challenger trained.",
    )
    models = {first: champion, **dict(zip(versions, returned, strict=True))}
    return Run(
        monitor,
        events,
        served,
        champion_at,
        trained,
        models,
        labelled_when_trained,
        registry,
        name,
    )


def _registry_folder(ctx: Context) -> Path:
    """The folder of the loop's registry, its MLflow database already made (the runs share
    it): MLflow takes 1.5 s of CPU to create an empty database, so an empty one is kept in the
    temp folder, per MLflow version, and copied (a few ms) when it is there."""

    def make() -> Path:
        need("mlflow", exercise=EXERCISE, install="mlflow")
        folder = ctx.workdir / "mlops-check"
        folder.mkdir(exist_ok=True)
        database = folder / REGISTRY_FILE
        version = importlib.metadata.version("mlflow")
        template = Path(tempfile.gettempdir()) / f"airoadmap-mlflow-{version}-empty.db"
        try:
            shutil.copyfile(template, database)
            return folder
        except OSError:
            pass
        from mlflow import MlflowClient

        uri = f"sqlite:///{database}"
        MlflowClient(tracking_uri=uri, registry_uri=uri).search_registered_models()
        with contextlib.suppress(OSError):  # kept for the next runs, written whole or not at all
            partial = template.with_suffix(f".{os.getpid()}.tmp")
            shutil.copyfile(database, partial)
            os.replace(partial, template)
        return folder

    return once(ctx, "registry-folder", make)


def _main_run(ctx: Context) -> Run:
    def run() -> Run:
        module = _module(ctx)
        return _run_loop(ctx, lambda _: module.train_model, MODEL_NAME, BATCHES)

    return once(ctx, "main-run", run)


def _worse_run(ctx: Context) -> Run:
    def run() -> Run:
        return _run_loop(ctx, _worse_trainer, WORSE_NAME, WORSE_BATCHES)

    return once(ctx, "worse-run", run)


def _model(run: Run, version: str) -> Any:
    """The model the checks know version `version` holds."""
    if version not in run.models:
        fail(
            f"Version {version} of {run.name!r} was neither deployed nor registered by a "
            f"'retrained' event (known: {sorted(run.models)}): register each model once, and "
            "log the event with the version MLflow gave it."
        )
    return run.models[version]


# The events whose version and value must be set.
VERSIONED = KINDS
VALUED = frozenset(
    {"deployed", "drift", "drift_alert", "performance", "performance_alert", "promoted", "rejected"}
)


def _expect_event_fields(event: Any) -> None:
    """batch an int, version a str (the kinds in VERSIONED), value a number (VALUED), note a
    str."""
    kind = _kind(event)
    batch, version = getattr(event, "batch", None), getattr(event, "version", None)
    value, note = getattr(event, "value", None), getattr(event, "note", "")
    expect(
        isinstance(batch, int) and not isinstance(batch, bool),
        f"{event!r}: batch must be the batch's number (an int).",
    )
    expect(
        isinstance(version, str) or (version is None and kind not in VERSIONED),
        f"{event!r}: a '{kind}' event names a model version (a str, as MLflow gives it).",
    )
    expect(
        isinstance(value, int | float) or (value is None and kind not in VALUED),
        f"{event!r}: a '{kind}' event's value is its measurement (a number).",
    )
    expect(isinstance(note, str), f"{event!r}: note is text.")


def _events(run: Run, kind: str) -> list[Any]:
    return [e for e in run.events if _kind(e) == kind]


def _accuracy(predictions: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean(np.asarray(predictions) == y))


# --- the checks: the workflow -----------------------------------------------------------------


@check("ci.yml is a valid GitHub Actions workflow (check-jsonschema's schema)", hint="workflow")
def workflow_valid(ctx: Context) -> None:
    doc = _workflow(ctx)
    need("check_jsonschema", exercise=EXERCISE, install="check-jsonschema")
    workflow.schema_valid(doc, WORKFLOW)


@check("ci.yml: lint, tests and an image build, each in a job", hint="workflow_jobs")
def workflow_lint_test_build(ctx: Context) -> None:
    workflow.lint_test_build(_workflow(ctx), WORKFLOW)


@check("ci.yml: deploy waits for the tests (`needs`), on the main branch", hint="workflow_jobs")
def workflow_tests_gate_deploy(ctx: Context) -> None:
    workflow.tests_gate_deploy(_workflow(ctx), WORKFLOW)


@check("ci.yml: every action pinned to a release tag or a commit sha", hint="pinned")
def workflow_actions_pinned(ctx: Context) -> None:
    workflow.actions_pinned(_workflow(ctx), WORKFLOW)


# --- the given code, and psi (no MLflow) -----------------------------------------------------


class _Recorder:
    """A stand-in monitor that records the calls simulate makes."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, int, Any]] = []

    def predict(self, batch: int, X: np.ndarray) -> np.ndarray:
        self.calls.append(("predict", batch, np.asarray(X).shape))
        return np.zeros(len(X), dtype=int)

    def labels(self, batch: int, y: np.ndarray) -> None:
        self.calls.append(("labels", batch, int(np.sum(y))))


def _given_code_kept(module: ModuleType) -> None:
    """make_stream, simulate and run_stream as the starter has them (checked before the
    loop's first run: the checks' stream follows make_stream's recipe)."""
    for name in ("make_stream", "simulate", "run_stream"):
        if not callable(getattr(module, name, None)):
            fail(f"monitoring.py defines no {name}(): keep the starter's.")
    stream = [(X.copy(), y.copy()) for X, y in _stream()]
    mine = module.make_stream(STREAM_SEED)
    same = len(mine) == len(stream) and all(
        np.array_equal(a[0], b[0]) and np.array_equal(a[1], b[1])
        for a, b in zip(mine, stream, strict=False)
    )
    expect(
        same,
        f"make_stream({STREAM_SEED}) no longer draws the stream the starter's draws: keep "
        "make_stream as it is (the checks' stream follows its recipe, so what you try is "
        "what is graded).",
    )
    want: list[tuple[str, int, Any]] = []
    for step in range(BATCHES + LABEL_DELAY):
        if step < BATCHES:
            want.append(("predict", step, (BATCH, 4)))
        if step >= LABEL_DELAY:
            want.append(("labels", step - LABEL_DELAY, int(stream[step - LABEL_DELAY][1].sum())))
    for runner in ("simulate", "run_stream"):
        recorder = _Recorder()
        result = (  # simulate with its default label_delay, which is LABEL_DELAY
            module.simulate(recorder, stream)
            if runner == "simulate"
            else module.run_stream(recorder, stream, label_delay=LABEL_DELAY)
        )
        if runner == "simulate":
            served = [batch for batch, _ in result]
            expect(
                served == list(range(BATCHES)),
                f"simulate yielded batches {served[:5]}...: keep the starter's simulate.",
            )
        expect(
            recorder.calls == want,
            f"{runner}(monitor, stream, label_delay={LABEL_DELAY}) made the calls "
            f"{recorder.calls[:4]}...; the starter's serves batch t at step t and hands its "
            "labels back label_delay steps later: keep it as it is.",
        )


def _psi_reference(reference: np.ndarray, current: np.ndarray, bins: int) -> np.ndarray:
    """PSI per column on the reference's quantile bins (a value on an edge goes above it),
    shares floored at PSI_FLOOR: one column at a time, written out."""
    out = []
    for j in range(reference.shape[1]):
        edges = np.quantile(reference[:, j], [k / bins for k in range(1, bins)])
        shares = []
        for sample in (reference[:, j], current[:, j]):
            index = np.searchsorted(edges, sample, side="right")
            counts = np.array([np.sum(index == b) for b in range(bins)])
            shares.append(np.maximum(counts / len(sample), PSI_FLOOR))
        ref, cur = shares
        out.append(float(np.sum((cur - ref) * np.log(cur / ref))))
    return np.array(out)


def _psi_cases() -> dict[str, tuple[np.ndarray, np.ndarray, int]]:
    rng = np.random.default_rng(PSI_SEED)
    return {
        "1000 vs 500 rows, 3 normal columns (one shifted by 1 sd), 10 bins": (
            rng.normal(0, 1, (1000, 3)),
            rng.normal([1.0, 0.0, 0.0], 1, (500, 3)),
            10,
        ),
        "counts 0-4 (values on the edges, empty bins), 10 bins": (
            rng.poisson(1.0, (600, 1)).astype(float),
            rng.poisson(1.6, (400, 1)).astype(float),
            10,
        ),
        "the current sample above the reference's top edge, 4 bins": (
            rng.normal(0, 1, (400, 2)),
            rng.normal(5, 0.5, (300, 2)),
            4,
        ),
        "the current sample below the reference's lowest edge, 4 bins": (
            rng.normal(0, 1, (400, 1)),
            rng.normal(-5, 0.5, (300, 1)),
            4,
        ),
    }


@check("psi: one value per feature, on quantile bins of the reference", hint="drift")
def psi_matches(ctx: Context) -> None:
    psi = getattr(_module(ctx), "psi", None)
    if not callable(psi):
        fail("monitoring.py defines no psi(): keep the starter's names.")
    for label, (ref, cur, bins) in _psi_cases().items():
        raw = psi(ref.copy(), cur.copy()) if bins == PSI_BINS else psi(ref, cur, bins=bins)
        got = np.asarray(raw, dtype=float)
        want = _psi_reference(ref, cur, bins)
        expect(
            got.shape == want.shape and bool(np.allclose(got, want, rtol=1e-6, atol=1e-9)),
            f"psi on {label}: got {np.round(got, 4).tolist()}, expected "
            f"{np.round(want, 4).tolist()}. (Inner edges: the reference's quantiles 1/bins ... "
            f"(bins-1)/bins; a value equal to an edge goes to the bin above; shares floored at "
            f"{PSI_FLOOR}; PSI = sum((cur - ref) * ln(cur / ref)).)",
        )


# --- the checks: the loop -----------------------------------------------------------------------


@check("a drift alert comes soon after the inputs change, never before", hint="drift")
def drift_alert_in_time(ctx: Context) -> None:
    run = _main_run(ctx)
    measured = {int(e.batch) for e in _events(run, "drift")}
    expect(
        measured >= set(range(BATCHES)),
        f"monitor.events has a 'drift' event for batches {sorted(measured)[:6]}...: one per "
        "batch served, with the batch's drift score as its value.",
    )
    _, _, X_ref, _ = _reference()
    stream = _stream()
    for event in _events(run, "drift"):
        batch = int(event.batch)
        if batch not in run.champion_at:
            continue
        want = float(_psi_reference(X_ref, stream[batch][0], PSI_BINS).max())
        value = event.value
        expect(
            isinstance(value, int | float) and abs(float(value) - want) < 1e-6,
            f"The 'drift' event of batch {batch} has the value {value!r}; the largest PSI of "
            f"the batch's features against the reference rows is {want:.4f} "
            "(psi(reference, batch): the reference first, it fixes the bins).",
        )
        expect(
            str(event.version) == str(run.champion_at[batch]),
            f"The 'drift' event of batch {batch} names version {event.version!r}; version "
            f"{run.champion_at[batch]} served it.",
        )
    alerts = sorted(int(e.batch) for e in _events(run, "drift_alert"))
    early = [b for b in alerts if b < CHANGE_AT]
    expect(
        not early,
        f"A drift alert on batch {early[0] if early else ''}, before the inputs change at batch "
        f"{CHANGE_AT}: a false alarm. Compare each batch with the reference rows (PSI on "
        "quantile bins of the reference) and alert only above the threshold.",
    )
    expect(
        bool(alerts),
        f"No drift alert: from batch {CHANGE_AT} feature x0 moves by one standard deviation "
        "(a PSI near 1 against the reference).",
    )
    expect_bar(ctx, "drift_alert_delay", float(alerts[0] - CHANGE_AT))


@check("each labelled batch's accuracy is that of the predictions served", hint="performance")
def performance_measured(ctx: Context) -> None:
    run = _main_run(ctx)
    stream = _stream()
    for batch in range(BATCHES):
        version = run.champion_at[batch]
        model = run.models.get(str(version))
        if model is not None:
            expected = np.asarray(model.predict(stream[batch][0]))
            expect(
                np.array_equal(run.served[batch], expected),
                f"Monitor.predict({batch}, X) did not return the predictions of version "
                f"{version}, which the alias 'champion' pointed to when the batch came: the "
                "service must read the alias, not a model kept from earlier.",
            )
    scores = {int(e.batch): e for e in _events(run, "performance")}
    missing = sorted(set(range(BATCHES)) - set(scores))
    expect(
        not missing,
        f"No 'performance' event for batches {missing[:5]}: one per batch whose labels "
        "arrived, with the accuracy as its value.",
    )
    for batch, event in sorted(scores.items()):
        want = _accuracy(run.served[batch], stream[batch][1])
        got = float(event.value)
        expect(
            abs(got - want) < 1e-9,
            f"The 'performance' event of batch {batch} says accuracy {got:.4f}; the predictions "
            f"served for that batch score {want:.4f} on its labels. Score what was served "
            "(kept with the batch), not a prediction made again by today's champion.",
        )


@check("a performance alert when the labels show the drop, not before", hint="performance")
def performance_alert_in_time(ctx: Context) -> None:
    run = _main_run(ctx)
    alerts = sorted(int(e.batch) for e in _events(run, "performance_alert"))
    early = [b for b in alerts if b < CHANGE_AT]
    expect(
        not early,
        f"A performance alert on batch {early[0] if early else ''}, before the concept changes "
        f"at batch {CHANGE_AT}: the champion's accuracy there is within the allowed drop of "
        "its baseline.",
    )
    expect(
        bool(alerts),
        f"No performance alert: from batch {CHANGE_AT} the champion's accuracy falls from "
        "about 0.9 to about 0.55; alert under baseline - accuracy_drop.",
    )
    expect_bar(ctx, "performance_alert_delay", float(alerts[0] - CHANGE_AT))


@check("a challenger is retrained on the most recent labelled rows", hint="retrain")
def retrains_on_recent_labels(ctx: Context) -> None:
    run = _main_run(ctx)
    expect(
        bool(run.trained),
        "The loop never called train after the performance alert: retrain a challenger "
        "(self.train(X, y)) on the latest labelled rows.",
    )
    stream = _stream()
    X, y = run.trained[0]
    labelled = run.labelled_when_trained[0]
    last = max(labelled) + 1 if labelled else CHANGE_AT  # the batch whose labels just arrived
    recent = list(range(last + 1 - RETRAIN_BATCHES, last + 1))
    want_X = np.concatenate([stream[b][0] for b in recent])
    want_y = np.concatenate([stream[b][1] for b in recent])
    same = X.shape == want_X.shape
    key = {row.tobytes(): int(label) for row, label in zip(want_X, want_y, strict=True)}
    got = {row.tobytes(): int(label) for row, label in zip(X, y, strict=True)}
    expect(
        same and got == key,
        f"The first challenger was trained on {len(X)} rows; expected the {len(want_X)} rows of "
        f"batches {recent[0]}-{recent[-1]} (the last {RETRAIN_BATCHES} batches whose labels had "
        "arrived), with their labels. Older rows teach the old concept; rows without labels "
        "cannot be learned from.",
    )


@check("the better challenger is promoted; 'previous' keeps the old champion", hint="promotion")
def better_challenger_promoted(ctx: Context) -> None:
    run = _main_run(ctx)
    promoted = _events(run, "promoted")
    expect(
        bool(promoted),
        "No challenger was promoted: after the change, a model retrained on the new concept "
        "beats the old champion by far on the next labelled batch.",
    )
    last = promoted[-1]
    champion = _alias(run.registry, run.name, "champion")
    expect(
        champion == str(last.version),
        f"The last 'promoted' event names version {last.version}, but the registry's alias "
        f"'champion' points to {champion!r}: move the alias when you promote.",
    )
    before = [str(e.version) for e in _events(run, "deployed")] + [
        str(e.version) for e in promoted[:-1]
    ]
    previous = _alias(run.registry, run.name, "previous")
    expect(
        previous == before[-1],
        f"The alias 'previous' points to {previous!r}; the champion the last promotion "
        f"replaced was version {before[-1]}: set 'previous' to it, the rollback path.",
    )
    X, y = _fresh()
    final, first = _model(run, str(last.version)), _model(run, before[0])
    gain = _accuracy(final.predict(X), y) - _accuracy(first.predict(X), y)
    expect_bar(ctx, "champion_gain", gain)


@check("a worse challenger is never promoted (judged on fresh labelled rows)", hint="promotion")
def worse_challenger_rejected(ctx: Context) -> None:
    run = _worse_run(ctx)
    for event in run.events:
        _expect_event_fields(event)
    expect(
        len(run.trained) >= 2,
        f"With the checks' challengers the loop retrained {len(run.trained)} time(s) by batch "
        f"{WORSE_BATCHES - 1}; the champion stays under its baseline from batch {CHANGE_AT} on, "
        "and each challenger judged and rejected frees the way for the next.",
    )
    promoted = _events(run, "promoted")
    deployed = str(_events(run, "deployed")[0].version) if _events(run, "deployed") else "1"
    versions = [str(e.version) for e in _events(run, "retrained")]
    if promoted:
        index = versions.index(str(promoted[0].version)) if promoted[0].version in versions else 0
        what = (
            "a challenger right on every row it was trained on and wrong on most later rows "
            f"(it scores about {1 - BY_HEART_FLIPPED:.1f} there, the champion about 0.55). "
            "Compare challenger and champion on labelled rows that arrived AFTER the "
            "challenger was trained"
            if index % 2 == 0
            else "a copy of the champion: on any rows it ties, and a tie is no reason to "
            "change what serves. Promote only when the challenger wins by min_gain"
        )
        fail(f"Version {promoted[0].version} was promoted: it was {what}.")
    champion = _alias(run.registry, run.name, "champion")
    expect(
        champion == deployed,
        f"No 'promoted' event, but the alias 'champion' moved from version {deployed} to "
        f"{champion!r}.",
    )
    expect(
        len(_events(run, "rejected")) >= 2,
        "The challengers were not promoted, but fewer than two 'rejected' events say they were "
        "judged: log each decision with both accuracies.",
    )


@check("rollback() restores the previous champion", hint="rollback")
def rollback_restores_previous(ctx: Context) -> None:
    run = _main_run(ctx)
    previous = _alias(run.registry, run.name, "previous")
    if previous is None:
        fail("No alias 'previous' after a promotion: nothing to roll back to.")
    restored = run.monitor.rollback()
    expect(
        str(restored) == previous,
        f"rollback() returned {restored!r}; the alias 'previous' pointed to {previous}.",
    )
    champion = _alias(run.registry, run.name, "champion")
    expect(
        champion == previous,
        f"After rollback() the alias 'champion' points to {champion!r}, not to version "
        f"{previous} that 'previous' held.",
    )
    X, _ = _fresh()
    served = np.asarray(run.monitor.predict(BATCHES, X.copy()))
    expect(
        np.array_equal(served, _model(run, previous).predict(X)),
        f"After rollback(), predict does not serve version {previous}'s predictions.",
    )
    logged = [e for e in run.monitor.events[len(run.events) :] if _kind(e) == "rollback"]
    expect(bool(logged), "rollback() left no 'rollback' event in monitor.events.")
    _expect_event_fields(logged[0])
    expect(
        str(logged[0].version) == previous,
        f"The 'rollback' event names version {logged[0].version!r}, not {previous}, the version "
        "restored.",
    )
    _, _, X_ref, y_ref = _reference()
    restarted = _module(ctx).Monitor(_registry_folder(ctx), X_ref, y_ref, model_name=run.name)
    expect(
        np.array_equal(
            np.asarray(restarted.predict(0, X.copy())), _model(run, previous).predict(X)
        ),
        f"A new Monitor on the same folder (a restarted service) does not serve version "
        f"{previous}, the registry's champion: load the model from the version's source "
        "(client.get_model_version(name, version).source), not from memory alone.",
    )
    worse = _worse_run(ctx)
    expect_raises(
        ValueError,
        worse.monitor.rollback,
        call="rollback() with no 'previous' version",
        mentions_any=("previous", "roll"),
        problem="there is nothing to roll back to",
    )


@check("the event log tells a consistent story", hint="events")
def event_log_consistent(ctx: Context) -> None:
    run = _main_run(ctx)
    for event in run.events:
        _expect_event_fields(event)
    first = run.events[0] if run.events else None
    if first is None or _kind(first) != "deployed":
        fail(f"The first event is {first!r}; expected the 'deployed' event: deploy comes first.")
    _, _, X_ref, y_ref = _reference()
    baseline = _accuracy(_model(run, str(first.version)).predict(X_ref), y_ref)
    expect(
        int(first.batch) == -1 and abs(float(first.value) - baseline) < 1e-9,
        f"The first event is {first!r}; expected Event('deployed', -1, {first.version!r}, "
        f"{baseline}): deploy comes before any batch (batch -1), its value the champion's "
        "accuracy on the reference rows, the baseline.",
    )
    retrained: dict[str, int] = {}
    alerts: set[int] = set()
    champion = str(first.version)
    for event in run.events:
        kind, batch, version = _kind(event), int(event.batch), str(event.version)
        if kind in ("promoted", "rollback"):
            champion = version
        if kind == "performance_alert":
            alerts.add(batch)
        elif kind == "retrained":
            expect(
                batch in alerts,
                f"A 'retrained' event on batch {batch} with no performance alert on that batch "
                "before it: retrain when the labels show the drop.",
            )
            expect(
                str(run.champion_at.get(batch)) == champion,
                f"A challenger was trained after the alert on batch {batch}, which version "
                f"{run.champion_at.get(batch)} served; version {champion} serves by then: its "
                "own batches will tell whether it needs a successor. Retrain only when the "
                "model that served the alerting batch still serves.",
            )
            retrained[version] = batch
        elif kind in ("promoted", "rejected"):
            expect(
                version in retrained,
                f"A '{kind}' event for version {version}, which no 'retrained' event "
                "registered before it.",
            )
            expect(
                batch > retrained[version],
                f"Version {version} was trained on rows up to batch {retrained[version]} and "
                f"judged ('{kind}') on batch {batch}: judge it on a later batch, rows it never "
                "saw.",
            )
    judged = {str(e.version) for e in run.events if _kind(e) in ("promoted", "rejected")}
    waiting = set(retrained) - judged
    challenger = _alias(run.registry, run.name, "challenger")
    expect(
        len(waiting) <= 1 and challenger == (next(iter(waiting)) if waiting else None),
        f"The alias 'challenger' points to {challenger!r}; the challengers registered and not "
        f"yet judged are {sorted(waiting)}: one challenger at a time holds the alias, cleared "
        "once it is judged.",
    )
