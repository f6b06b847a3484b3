"""Checks of m10-serve: the learner's FastAPI service, judged as a client would judge it.

Once per grading run the checks train the month-6 model (the m06 pipeline: impute, scale,
one-hot, logistic regression) on the Titanic training rows and save it in MLflow's model
format with its signature and a version (mlflow.sklearn.save_model) in the working copy.
They build the learner's app in-process once (`create_app(uri)`: cheap, and a starter's
NotImplementedError reads "not attempted"), then start it ONCE as a server on a loopback
port (`app_for_run`, MODEL_URI in its environment) and run every HTTP check against that
one process: predictions against the model's own on the held-out rows, bad bodies,
/metrics before and after traffic, schemathesis on the app's OpenAPI schema, a short load
with an async client, and last SIGTERM with a request in flight.

Why pickle and no registry: measured here, skops (MLflow 3's default format) costs about
2 s of CPU to import on each side, and a SQLite registry's first migration seconds more;
the saved model folder is what a registry's champion alias resolves to.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import math
import os
import signal
import socket
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.grading.api import Context, check, expect, expect_bar, fail
from airoadmap.grading.kit import servecontract
from airoadmap.grading.kit.modelcheck import once
from airoadmap.grading.kit.needs import need
from airoadmap.grading.kit.service import App, app_for_run, stop_app_for_run

EXERCISE = "m10-serve"
MODULE = "app"
TARGET = "app:create_app()"
NUMERIC = ["age", "sibsp", "parch", "fare"]
CATEGORICAL = ["pclass", "sex", "embarked"]
COLUMNS = NUMERIC + CATEGORICAL
VERSION = "7"  # the model's metadata["version"], as a registry's champion version
MODEL_DIR = "champion-model"
START_TIMEOUT_S = 60.0  # the app's imports and model load on a busy core
TIMEOUT_S = 30.0  # one request
PROBABILITY_TOLERANCE = 1e-9
SINGLE_ROWS = 5  # held-out rows also sent one at a time
MAX_BATCH = 1000  # the brief's largest batch; one more row must be refused
HUGE_TEXT = 1_000_000  # characters of a text field in the "huge" body
MAX_TEXT = 200  # the brief's longest text field
SCHEMATHESIS_EXAMPLES = 8  # generated bodies per operation (hypothesis, derandomized)
LOAD_REQUESTS = 32
LOAD_CONCURRENCY = 16
SHUTDOWN_WAIT_S = 0.5  # between sending the headers and SIGTERM; between SIGTERM and the body
EXIT_WITHIN_S = 10.0  # after the in-flight request is answered


# --- the model the service serves -------------------------------------------------------------


@dataclass(frozen=True)
class Champion:
    uri: str
    model: Any
    rows: list[dict[str, Any]]  # the held-out rows as JSON objects (missing = null)
    labels: np.ndarray
    proba: np.ndarray


def _champion(ctx: Context) -> Champion:
    """The m06 model, fitted on the training rows and saved with its signature (once)."""

    def build() -> Champion:
        from airoadmap.grading.kit import heldout
        from airoadmap.lab.pipeline.tracking import offline_environment, quiet_mlflow

        offline_environment()
        mlflow_sklearn = need("mlflow.sklearn", exercise=EXERCISE, install="mlflow")
        from mlflow.models import infer_signature
        from sklearn.compose import ColumnTransformer
        from sklearn.impute import SimpleImputer
        from sklearn.linear_model import LogisticRegression
        from sklearn.pipeline import Pipeline, make_pipeline
        from sklearn.preprocessing import OneHotEncoder, StandardScaler

        split = heldout.titanic()
        numeric = make_pipeline(SimpleImputer(strategy="median"), StandardScaler())
        categorical = make_pipeline(
            SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")
        )
        columns = ColumnTransformer([("num", numeric, NUMERIC), ("cat", categorical, CATEGORICAL)])
        model = Pipeline([("preprocess", columns), ("model", LogisticRegression(max_iter=1000))])
        X_train = split.X_train[COLUMNS]
        model.fit(X_train, split.y_train)
        X_all = pd.concat([X_train, split.X_holdout[COLUMNS]])  # which columns can be missing
        folder = ctx.workdir / MODEL_DIR
        with quiet_mlflow(), _silent("mlflow.sklearn"):  # no warning about pickle: ours
            mlflow_sklearn.save_model(
                model,
                str(folder),
                signature=infer_signature(X_all, model.predict(X_train)),
                serialization_format="pickle",
                conda_env={"dependencies": ["python", {"pip": ["mlflow", "scikit-learn"]}]},
                metadata={"version": VERSION},
            )
        X = split.X_holdout[COLUMNS]
        rows = [
            {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in json.loads(X.to_json(orient="records"))
        ]
        return Champion(str(folder), model, rows, model.predict(X), model.predict_proba(X)[:, 1])

    return once(ctx, "champion", build)


@contextlib.contextmanager
def _silent(logger: str) -> Iterator[None]:
    """`logger`'s warnings muted meanwhile."""
    log = logging.getLogger(logger)
    level = log.level
    log.setLevel(logging.ERROR)
    try:
        yield
    finally:
        log.setLevel(level)


# --- the learner's app ------------------------------------------------------------------------


def _app(ctx: Context) -> App:
    """The learner's app as a server, started once for the grading run."""
    champion = _champion(ctx)
    _built(ctx)
    return app_for_run(
        ctx,
        TARGET,
        health="/ready",
        start_timeout_s=START_TIMEOUT_S,
        env={"MODEL_URI": champion.uri},
    )


def _built(ctx: Context) -> Any:
    """create_app(uri) called here, in-process (once): the app object, or its error with the
    line of app.py that raised."""

    def build() -> Any:
        module = ctx.load(MODULE)
        if not callable(getattr(module, "create_app", None)):
            fail(f"{MODULE}.py defines no function create_app(): keep the starter's name.")
        return module.create_app(_champion(ctx).uri)

    return once(ctx, "built", build)


def _json(body: bytes) -> dict[str, Any]:
    """A JSON object's fields ({} for anything else)."""
    try:
        data = json.loads(body)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def _call(app: App, method: str, path: str, body: bytes | None = None) -> Reply:
    """One HTTP request to the app; an error status is a Reply too."""
    request = urllib.request.Request(
        app.base + path,
        data=body,
        method=method,
        headers={"Content-Type": "application/json"} if body is not None else {},
    )
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as reply:
            return Reply(
                reply.status, {k.lower(): v for k, v in reply.headers.items()}, reply.read()
            )
    except urllib.error.HTTPError as exc:
        return Reply(exc.code, {k.lower(): v for k, v in exc.headers.items()}, exc.read())
    except (OSError, urllib.error.URLError) as exc:
        alive = app.process.poll() is None
        fail(
            f"{method} {path} got no answer ({exc}): "
            + ("the app is running but did not reply." if alive else "the app has stopped.")
        )


def _post(app: App, payload: Any) -> Reply:
    return _call(app, "POST", "/predict", json.dumps(payload).encode())


def _predictions(reply: Reply, sent: int, what: str) -> list[dict[str, Any]]:
    expect(
        reply.status == 200,
        f"POST /predict with {what} answered {reply.status}: {reply.body[:200]!r}.",
    )
    data = reply.json()
    expect(
        isinstance(data, dict) and isinstance(data.get("predictions"), list),
        f"POST /predict with {what} answered {reply.body[:120]!r}: answer "
        '{"model_version": ..., "predictions": [{"survived": 0 or 1, "probability": p}, ...]}.',
    )
    predictions = data["predictions"]
    expect(
        len(predictions) == sent,
        f"POST /predict with {what} gave {len(predictions)} predictions for {sent} rows: one "
        "per row, in the order sent.",
    )
    return list(predictions)


# --- the checks -----------------------------------------------------------------------------


@check("create_app(uri) builds a FastAPI app whose schema comes from the signature", hint="schema")
def app_builds(ctx: Context) -> None:
    app = _built(ctx)
    openapi = getattr(app, "openapi", None)
    if not callable(openapi):
        fail(f"create_app returned {type(app).__name__}: return the FastAPI app.")
    schema = json.dumps(openapi())
    missing = [c for c in COLUMNS if f'"{c}"' not in schema]
    expect(
        not missing,
        f"The app's OpenAPI schema does not mention the column(s) {missing}: derive the "
        "request model from the model's signature (Model.load(uri).signature), one field "
        "per input column.",
    )


@check("/health and /ready answer, and every response names the model version", hint="endpoints")
def health_and_ready(ctx: Context) -> None:
    testclient = need("starlette.testclient", exercise=EXERCISE, install="httpx")
    unstarted = testclient.TestClient(_built(ctx)).get("/ready")  # the lifespan has not run
    expect(
        unstarted.status_code == 503 and _json(unstarted.content).get("ready") is False,
        f"GET /ready answered {unstarted.status_code} {unstarted.content[:80]!r} before the "
        "app's lifespan had loaded the model (the app called in-process, not started): "
        'answer 503 with "ready": false until the model is loaded, so no traffic reaches an '
        "app that cannot predict yet.",
    )
    app = _app(ctx)
    health = _call(app, "GET", "/health")
    expect(health.status == 200, f"GET /health answered {health.status}: answer 200.")
    ready = _call(app, "GET", "/ready")
    expect(
        ready.status == 200,
        f"GET /ready answered {ready.status} once the model was loaded: answer 200 then.",
    )
    data = ready.json()
    expect(
        isinstance(data, dict) and data.get("ready") is True,
        f'GET /ready answered {ready.body[:120]!r} once the model was loaded: "ready": true.',
    )
    expect(
        str(data.get("model_version")) == VERSION,
        f'GET /ready answered {ready.body[:120]!r}: include "model_version": '
        f'"{VERSION}" (the model\'s metadata["version"]).',
    )
    for reply, what in ((health, "GET /health"), (ready, "GET /ready")):
        expect(
            reply.headers.get("x-model-version") == VERSION,
            f"{what} has no header X-Model-Version: {VERSION}: set it on every response "
            "(a middleware), so any answer can be traced to the model that gave it.",
        )


@check("predictions equal the model's own on the held-out rows", hint="predict")
def predictions_match(ctx: Context) -> None:
    champion = _champion(ctx)
    app = _app(ctx)
    reply = _post(app, champion.rows)
    got = _predictions(reply, len(champion.rows), f"a batch of {len(champion.rows)} rows")
    data = reply.json()
    expect(
        str(data.get("model_version")) == VERSION,
        f"The answer's model_version is {data.get('model_version')!r}, not {VERSION!r}: read "
        'it from the model (Model.load(uri).metadata["version"]).',
    )
    expect(
        reply.headers.get("x-model-version") == VERSION,
        f"POST /predict has no header X-Model-Version: {VERSION}.",
    )
    try:
        labels = np.array([int(p["survived"]) for p in got])
        proba = np.array([float(p["probability"]) for p in got])
    except (KeyError, TypeError, ValueError):
        fail(
            f'A prediction reads {got[0]!r}: give each as {{"survived": 0 or 1, "probability": p}}.'
        )
    off = np.abs(proba - champion.proba)
    worst = int(np.argmax(off))
    expect(
        bool(off.max() <= PROBABILITY_TOLERANCE),
        f"Row {worst}'s probability is {proba[worst]:.6f}, the model says "
        f"{champion.proba[worst]:.6f}: give predict_proba(X)[:, 1], the probability of "
        "survival, of the row as sent (a missing value stays missing: the pipeline imputes it).",
    )
    wrong = np.flatnonzero(labels != champion.labels)
    expect(
        wrong.size == 0,
        f"{wrong.size} of {len(labels)} labels differ from the model's own predict() (first: "
        f"row {int(wrong[0]) if wrong.size else 0}): send the rows to the model as a DataFrame "
        "with the signature's columns, in the order received.",
    )
    for i in range(SINGLE_ROWS):
        one = _predictions(_post(app, champion.rows[i]), 1, "one row (a JSON object)")
        expect(
            int(one[0]["survived"]) == int(champion.labels[i])
            and abs(float(one[0]["probability"]) - champion.proba[i]) <= PROBABILITY_TOLERANCE,
            f"Held-out row {i} sent alone got {one[0]!r}; the model says survived="
            f"{int(champion.labels[i])}, probability {champion.proba[i]:.6f}.",
        )


def _bad_bodies(champion: Champion) -> list[tuple[str, bytes, str | None, tuple[int, ...]]]:
    """(what, body, the field the message must name, the statuses allowed)."""
    row = dict(champion.rows[0])
    no_sex = {k: v for k, v in row.items() if k != "sex"}

    def text(payload: Any) -> bytes:
        return json.dumps(payload).encode()

    nan_age = text({**row, "age": 1.0}).replace(b"1.0", b"NaN", 1)
    infinite_fare = json.dumps({**row, "fare": 7.25}).replace("7.25", "Infinity").encode()
    return [
        ("a body that is not JSON", b'{"age": 3,', None, (400, 422)),
        ("a row without sex", text(no_sex), "sex", (422,)),
        ("age NaN", nan_age, "age", (422,)),
        ("fare Infinity", infinite_fare, "fare", (422,)),
        ('age "old"', text({**row, "age": "old"}), "age", (422,)),
        ("pclass 2**70", text({**row, "pclass": 2**70}), "pclass", (422,)),
        ("an empty batch", b"[]", None, (422,)),
        ('the string "hello"', b'"hello"', None, (422,)),
        ("an unknown column Age (a misspelt age)", text({**row, "Age": 30}), "Age", (422,)),
        (
            f"a {MAX_TEXT + 1}-character sex",
            text({**row, "sex": "x" * (MAX_TEXT + 1)}),
            "sex",
            (422,),
        ),
        (f"a batch of {MAX_BATCH + 1} rows", text([row] * (MAX_BATCH + 1)), None, (413, 422)),
        ("a 1 MB sex", text({**row, "sex": "x" * HUGE_TEXT}), "sex", (413, 422)),
    ]


@check("bad bodies get a 4xx that names the problem; the app keeps serving", hint="validation")
def bad_input_is_refused(ctx: Context) -> None:
    champion = _champion(ctx)
    app = _app(ctx)
    for what, body, field, allowed in _bad_bodies(champion):
        reply = _call(app, "POST", "/predict", body)
        servecontract.refused(
            what, reply.status, reply.body, field=field, allowed=allowed, max_bytes=HUGE_TEXT
        )
    health = _call(app, "GET", "/health")
    expect(health.status == 200, f"After the bad bodies GET /health answered {health.status}.")


def _samples(app: App) -> servecontract.Samples:
    """/metrics parsed: (sample name, sorted labels) -> value."""
    reply = _call(app, "GET", "/metrics")
    return servecontract.samples(
        reply.status,
        reply.headers.get("content-type", ""),
        reply.body.decode(),
        exercise=EXERCISE,
    )


@check("/metrics counts requests, latencies and predictions", hint="metrics")
def metrics_count_traffic(ctx: Context) -> None:
    champion = _champion(ctx)
    app = _app(ctx)
    before = _samples(app)
    began = time.perf_counter()
    batches = [champion.rows[:7], champion.rows[7:10], champion.rows[10]]
    labels: list[int] = []
    for batch in batches:
        sent = len(batch) if isinstance(batch, list) else 1
        labels += [int(p["survived"]) for p in _predictions(_post(app, batch), sent, "rows")]
    bad = 2
    for _ in range(bad):
        _call(app, "POST", "/predict", b'{"age": "old"}')
    elapsed = time.perf_counter() - began
    after = _samples(app)
    servecontract.traffic_counted(
        before,
        after,
        path="/predict",
        good=len(batches),
        bad=bad,
        elapsed=elapsed,
        classes={str(label): labels.count(label) for label in (0, 1)},
        label="survived",
    )


@check("schemathesis finds no server error in the OpenAPI schema's operations", hint="schema")
def schemathesis_no_server_errors(ctx: Context) -> None:
    app = _app(ctx)
    reply = _call(app, "GET", "/openapi.json")
    expect(reply.status == 200, f"GET /openapi.json answered {reply.status}: keep FastAPI's.")
    calls, found = servecontract.server_errors(
        reply.json(),
        app.base,
        examples=SCHEMATHESIS_EXAMPLES,
        timeout_s=TIMEOUT_S,
        exercise=EXERCISE,
    )
    servecontract.no_server_errors(
        calls,
        found,
        advice="Every value the schema allows must be served "
        "(bound what the model cannot take: a long is at most 2**63 - 1).",
    )


@check("32 requests at concurrency 16: all answered; p50 and p99 measured", hint="load")
def load_latency(ctx: Context) -> None:
    champion = _champion(ctx)
    app = _app(ctx)
    httpx = need("httpx", exercise=EXERCISE, install="httpx")
    rows = champion.rows

    async def run() -> tuple[list[float], list[int]]:
        latencies: list[float] = []
        statuses: list[int] = []
        gate = asyncio.Semaphore(LOAD_CONCURRENCY)
        limits = httpx.Limits(max_connections=LOAD_CONCURRENCY)
        async with httpx.AsyncClient(base_url=app.base, timeout=TIMEOUT_S, limits=limits) as client:

            async def one(i: int) -> None:
                async with gate:
                    start = time.perf_counter()
                    response = await client.post("/predict", json=rows[i % len(rows)])
                    latencies.append(time.perf_counter() - start)
                    statuses.append(response.status_code)

            await asyncio.gather(*(one(i) for i in range(LOAD_REQUESTS)))
        return latencies, statuses

    latencies, statuses = asyncio.run(run())
    failed = [s for s in statuses if s != 200]
    expect(
        not failed,
        f"{len(failed)} of {LOAD_REQUESTS} requests at concurrency {LOAD_CONCURRENCY} did not "
        f"get 200 (e.g. {failed[0] if failed else ''}).",
    )
    ms = np.array(latencies) * 1000
    ctx.record("p50_ms", float(np.percentile(ms, 50)))
    p99 = ctx.record("p99_ms", float(np.percentile(ms, 99)))
    expect_bar(ctx, "p99_ms", p99, note="(measured with the checks' own async client).")


@check("SIGTERM: the request in flight is answered, then the app exits", hint="shutdown")
def graceful_shutdown(ctx: Context) -> None:
    champion = _champion(ctx)
    app = _app(ctx)
    body = json.dumps(champion.rows[:50]).encode()
    host, port = app.base.removeprefix("http://").split(":")
    head = (
        f"POST /predict HTTP/1.1\r\nHost: {host}:{port}\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    ).encode()
    try:
        with socket.create_connection((host, int(port)), timeout=TIMEOUT_S) as sock:
            sock.sendall(head + body[: len(body) // 2])
            time.sleep(SHUTDOWN_WAIT_S)  # the app has the request's headers: it is in flight
            os.killpg(app.process.pid, signal.SIGTERM)
            time.sleep(SHUTDOWN_WAIT_S)
            try:
                sock.sendall(body[len(body) // 2 :])
                answer = _read_all(sock)
            except OSError as exc:
                answer, error = b"", f" ({exc})"
            else:
                error = ""
            if not answer:
                fail(
                    f"After SIGTERM the request in flight got no answer{error}: the app "
                    "stopped at once. Let the server shut down gracefully (uvicorn does on "
                    "SIGTERM: do not install a signal handler of your own, nor exit yourself)."
                )
        status_line = answer.split(b"\r\n", 1)[0].decode("latin-1")
        expect(
            status_line.split(" ")[1:2] == ["200"],
            f"After SIGTERM the request in flight was answered {status_line or 'with nothing'!r}"
            ": it must finish normally (200 with its predictions).",
        )
        try:
            code = app.process.wait(timeout=EXIT_WITHIN_S)
        except Exception:
            fail(
                f"The app answered the last request but had not exited {EXIT_WITHIN_S:g} s "
                "after SIGTERM: stop what your lifespan started (threads, tasks) when it ends."
            )
        expect(
            code in (0, -signal.SIGTERM),
            f"After SIGTERM the app exited with status {code}: a graceful shutdown ends with 0, "
            "or by the SIGTERM itself once uvicorn has finished (it raises the signal again); "
            "an error in the lifespan's shutdown, or an exit of your own, shows here.",
        )
    finally:
        stop_app_for_run(ctx)


def _read_all(sock: socket.socket) -> bytes:
    chunks: list[bytes] = []
    while True:
        chunk = sock.recv(65536)
        if not chunk:
            return b"".join(chunks)
        chunks.append(chunk)
