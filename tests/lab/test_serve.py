"""The m10-serve reference project (airoadmap.lab.serve): the request schema (the fast path
and pydantic agree), the fast service's replies, batching and graceful stop in-process, the
load generator's arithmetic, and one tiny run whose artifacts are read back."""

from __future__ import annotations

import asyncio
import json
import math
import os
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.lab.serve import load, model, project
from airoadmap.lab.serve.fast import Core, serve_protocol
from tests.data_needed import missing_data

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
# The naive service costs seconds of imports per start: the tiny run's baseline is "onnx"
# (test_the_naive_app_agrees_with_the_pipeline serves the naive app in-process).
TINY = project.Settings(
    concurrency=(1, 4),
    seconds=0.2,
    warmup_seconds=0.05,
    variants=("onnx", "protocol"),
    baseline="onnx",
)
ROW: dict[str, Any] = {"pclass": 3, "sex": "male", "age": 22.0, "sibsp": 1, "parch": 0,
                       "fare": 7.25, "embarked": "S"}  # fmt: skip
BAD_ROWS: list[tuple[str, dict[str, Any]]] = [
    ("pclass", {**ROW, "pclass": 4}),
    ("pclass", {**ROW, "pclass": "3"}),
    ("pclass", {**ROW, "pclass": 2.0}),
    ("pclass", {**ROW, "pclass": True}),
    ("sex", {**ROW, "sex": "unknown"}),
    ("sex", {**ROW, "sex": None}),
    ("age", {**ROW, "age": -1}),
    ("age", {**ROW, "age": "22"}),
    ("age", {**ROW, "age": float("nan")}),
    ("fare", {**ROW, "fare": float("inf")}),
    ("embarked", {**ROW, "embarked": "Z"}),
    ("embarked", {**ROW, "embarked": "S" * 100_000}),
    ("missing", {k: v for k, v in ROW.items() if k != "fare"}),
    ("extra", {**ROW, "cabin": "C85"}),
]


# --- the schema: the fast path and pydantic agree --------------------------------------------


def test_good_rows_pass_the_fast_path_and_pydantic() -> None:
    from airoadmap.lab.serve.naive import PredictRequest

    rows = [ROW, {**ROW, "age": None, "fare": None, "embarked": None, "pclass": 1}]
    body = {"passengers": rows}
    assert model.parse_rows(body) == rows
    assert len(PredictRequest.model_validate(body).passengers) == 2


@pytest.mark.parametrize(("field", "row"), BAD_ROWS, ids=[f for f, _ in BAD_ROWS])
def test_bad_rows_fail_both_with_the_field_named(field: str, row: dict[str, Any]) -> None:
    import pydantic

    from airoadmap.lab.serve.naive import PredictRequest

    with pytest.raises(model.InvalidRow) as caught:
        model.parse_rows({"passengers": [row]})
    if field in model.FIELDS:
        assert f"passengers[0].{field}:" in str(caught.value)
    assert len(str(caught.value)) < 200  # a huge value is not echoed back
    with pytest.raises(pydantic.ValidationError):
        PredictRequest.model_validate({"passengers": [row]})


@pytest.mark.parametrize(
    "body", [[ROW], {"rows": [ROW]}, {"passengers": []},
             {"passengers": [ROW] * (model.MAX_ROWS + 1)}, {"passengers": [3]}],
)  # fmt: skip
def test_bodies_of_the_wrong_shape_are_refused(body: Any) -> None:
    with pytest.raises(model.InvalidRow):
        model.parse_rows(body)


# --- the model folder, the fast service in-process -------------------------------------------


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any]]:
    """(run folder, metrics) of one tiny run of the project."""
    if missing_data("m06-pipeline") is not None:
        pytest.skip(str(missing_data("m06-pipeline")))
    run_dir = tmp_path_factory.mktemp("serve")
    return run_dir, project.run_with(run_dir, TINY)


@pytest.fixture(scope="module")
def trained(tiny_run: tuple[Path, dict[str, Any]]) -> tuple[Path, Any, Any]:
    """(model folder, the fitted Pipeline, held-out rows) of the tiny run."""
    import joblib

    folder = tiny_run[0] / "model"
    _, X_held, _, _ = model.split(model.load_passengers())
    return folder, joblib.load(folder / "model.joblib"), X_held


def test_the_fast_model_equals_the_pipeline(trained: tuple[Path, Any, Any]) -> None:
    folder, pipeline, X_held = trained
    fast = model.FastModel(folder)
    rows = project._rows(X_held)
    assert any(r["age"] is None for r in rows), "the held-out rows should include missing ages"
    got = fast.probability(fast.matrix(rows))
    assert np.abs(got - pipeline.predict_proba(X_held)[:, 1]).max() < project.PARITY_TOLERANCE
    assert fast.version == model.version_of(folder) and len(fast.version) == 12


async def _exchange(port: int, requests: list[bytes]) -> list[tuple[int, Any]]:
    """Send each request on its own connection at once; (status, JSON body) of each."""

    async def one(raw: bytes) -> tuple[int, Any]:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(raw)
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        body = await reader.readexactly(length)
        writer.close()
        return int(head[9:12]), json.loads(body)

    return await asyncio.gather(*(one(r) for r in requests))


async def _pipelined(port: int, raw: bytes, replies: int) -> list[tuple[int, Any]]:
    """Send `raw` (several requests) at once on one connection; the replies, in order."""
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    writer.write(raw)
    out = []
    for _ in range(replies):
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        out.append((int(head[9:12]), json.loads(await reader.readexactly(length))))
    writer.close()
    return out


async def _turns(n: int = 5) -> None:
    """Let the event loop (the test's and the server's) run `n` turns."""
    for _ in range(n):
        await asyncio.sleep(0)


def _post(body: bytes) -> bytes:
    return load.request_bytes("127.0.0.1", 0, body)


def _get(path: str) -> bytes:
    return f"GET {path} {load.HTTP}\r\nHost: x\r\n\r\n".encode()


def test_the_protocol_server_answers_batches_and_stops_gracefully(
    trained: tuple[Path, Any, Any],
) -> None:
    folder, pipeline, X_held = trained
    rows = project._rows(X_held)[:12]
    expected = pipeline.predict_proba(X_held.iloc[:12])[:, 1]

    async def scenario() -> tuple[list[tuple[int, Any]], list[tuple[int, Any]], Any, Any]:
        started, stop = asyncio.Event(), asyncio.Event()
        port = project._free_port()
        server = asyncio.create_task(
            serve_protocol(folder, "127.0.0.1", port, ready=started.set, stop=stop)
        )
        await started.wait()
        good = await _exchange(
            port, [_post(json.dumps({"passengers": [r]}).encode()) for r in rows]
        )
        bad = await _exchange(port, [
            _post(b"{not json"), _post(b'{"passengers": [NaN]}'),
            _post(json.dumps({"passengers": [{**ROW, "age": -3}]}).encode()),
            _get("/nowhere"),
            _get("/predict"),
            b"POST /predict HTTP/1.1\r\nContent-Length: %d\r\n\r\n" % (2 << 20),
            _get("/stats"),
        ])  # fmt: skip
        # Two requests in one write: the /predict waits for its batch, /health for it.
        both = await _pipelined(
            port, _post(json.dumps({"passengers": [ROW]}).encode()) + _get("/health"), 2
        )
        # Graceful stop: a request half sent when the stop comes is still answered.
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(_get("/health"))  # the connection is accepted and served
        await reader.readuntil(b"}")
        raw = _post(json.dumps({"passengers": rows}).encode())
        writer.write(raw[:-10])
        await _turns()  # the server reads the first part
        stop.set()
        await _turns()  # it stops listening and waits for the request
        writer.write(raw[-10:])
        head = await reader.readuntil(b"\r\n\r\n")
        length = int(head.lower().split(b"content-length:")[1].split(b"\r\n")[0])
        last = [(int(head[9:12]), json.loads(await reader.readexactly(length)))]
        await asyncio.wait_for(server, 10)
        assert await reader.read() == b""  # then it closed the connection
        writer.close()
        return good, bad, both, last

    good, bad, both, last = asyncio.run(scenario())
    got = np.array([reply["predictions"][0]["probability"] for _, reply in good])
    assert [status for status, _ in good] == [200] * len(rows)
    assert np.abs(got - expected).max() < project.PARITY_TOLERANCE
    assert {reply["model_version"] for _, reply in good} == {model.version_of(folder)}
    assert [status for status, _ in bad] == [422, 422, 422, 404, 405, 413, 200]
    assert "passengers[0].age" in bad[2][1]["detail"]
    stats = bad[-1][1]
    assert stats["requests"] == len(rows) and stats["batches"] < len(rows)  # batched together
    assert last[0][0] == 200 and len(last[0][1]["predictions"]) == len(rows)
    assert [status for status, _ in both] == [200, 200]
    assert "predictions" in both[0][1] and both[1][1]["status"] == "ok"  # in order


def test_without_batching_each_request_is_its_own_batch(trained: tuple[Path, Any, Any]) -> None:
    folder, _, _ = trained

    async def scenario() -> dict[str, int]:
        core = Core(folder, batching=False)
        for _ in range(3):
            parsed = core.parse(json.dumps({"passengers": [ROW]}).encode())
            assert isinstance(parsed, np.ndarray)
            core.predict(parsed, lambda result: None)
        _, stats = core.route("GET", "/stats") or (0, {})
        return stats

    assert asyncio.run(scenario()) == {"requests": 3, "batches": 3}


# --- the load generator ----------------------------------------------------------------------


def test_percentile_is_the_nearest_rank() -> None:
    values = [float(v) for v in range(1, 101)]
    assert load.percentile(values, 50) == 50.0
    assert load.percentile(values, 99) == 99.0
    assert load.percentile(values, 100) == 100.0
    assert load.percentile([3.0], 99) == 3.0


def test_process_cpu_seconds_reads_proc() -> None:
    before = load.process_cpu_seconds(os.getpid())
    total = 0.0
    while load.process_cpu_seconds(os.getpid()) - before < 0.02:
        total += math.sqrt(total + 1.0)
    assert load.process_cpu_seconds(os.getpid()) > before


# --- a tiny run ------------------------------------------------------------------------------


def test_a_tiny_run_writes_what_it_measured(tiny_run: tuple[Path, dict[str, Any]]) -> None:
    run_dir, metrics = tiny_run
    assert set(metrics["variants"]) == {"onnx", "protocol"}
    for variant, result in metrics["variants"].items():
        assert result["stopped_cleanly"], f"{variant} did not stop cleanly on SIGTERM"
        assert result["parity_max_difference"] < project.PARITY_TOLERANCE
        assert result["bad_row_status"] == 422
        assert [p["concurrency"] for p in result["phases"]] == [1, 4]
        for phase in result["phases"]:
            assert phase["requests"] > 0 and phase["not_200"] == 0
            assert 0 < phase["p50_ms"] <= phase["p99_ms"] <= phase["max_ms"]
            assert phase["server_cpu_s"] >= 0 and phase["mean_batch"] >= 1
    assert metrics["variants"]["onnx"]["phases"][1]["mean_batch"] == 1  # no batching
    base = metrics["variants"]["onnx"]["phases"][1]["server_cpu_ms_per_request"]
    fast = metrics["variants"]["protocol"]["phases"][1]["server_cpu_ms_per_request"]
    assert metrics["cpu_ratio"] == pytest.approx(fast / base)
    assert (run_dir / "serving.png").read_bytes()[:8] == PNG_SIGNATURE
    card = (run_dir / "model_card.md").read_text(encoding="utf-8")
    assert metrics["model_version"] in card and f"{metrics['cpu_ratio']:.3f}" in card
    assert project.table(metrics) in (run_dir / "report.md").read_text(encoding="utf-8")
    assert {"model.joblib", "model.onnx", "preprocess.json", "version.txt"} <= {
        p.name for p in (run_dir / "model").iterdir()
    }


def test_the_naive_app_agrees_with_the_pipeline(trained: tuple[Path, Any, Any]) -> None:
    import httpx

    from airoadmap.lab.serve.naive import create_app

    folder, pipeline, X_held = trained
    rows = project._rows(X_held)[:40]
    expected = pipeline.predict_proba(X_held.iloc[:40])[:, 1]

    async def scenario() -> list[httpx.Response]:
        transport = httpx.ASGITransport(app=create_app(folder))
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return [
                await client.post("/predict", json={"passengers": rows}),
                await client.post("/predict", json={"passengers": [{**ROW, "sex": "x"}]}),
                await client.get("/ready"),
            ]

    good, bad, ready = asyncio.run(scenario())
    got = np.array([p["probability"] for p in good.json()["predictions"]])
    assert np.abs(got - expected).max() < project.PARITY_TOLERANCE
    assert good.json()["model_version"] == model.version_of(folder)
    assert bad.status_code == 422 and ready.status_code == 200
