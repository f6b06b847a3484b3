"""grading.kit.servecontract: each rule passes a good answer and fails a bad one with its line."""

from __future__ import annotations

import json

import pytest

from airoadmap.grading.api import CheckFailed
from airoadmap.grading.kit import servecontract

pytest.importorskip("prometheus_client")


def _metrics(ok: int, refused: int, seconds: float, zeros: int, ones: int) -> str:
    """Prometheus' text format of the counters and histogram a service exposes."""
    lines = [
        "# TYPE http_requests_total counter",
        f'http_requests_total{{method="POST",path="/predict",status="200"}} {ok}',
        f'http_requests_total{{method="POST",path="/predict",status="422"}} {refused}',
        "# TYPE http_request_duration_seconds histogram",
        'http_request_duration_seconds_bucket{method="POST",path="/predict",le="+Inf"} '
        f"{ok + refused}",
        f'http_request_duration_seconds_count{{method="POST",path="/predict"}} {ok + refused}',
        f'http_request_duration_seconds_sum{{method="POST",path="/predict"}} {seconds}',
        "# TYPE predictions_total counter",
        f'predictions_total{{label="0"}} {zeros}',
        f'predictions_total{{label="1"}} {ones}',
    ]
    return "\n".join(lines) + "\n"


def _samples(ok: int, refused: int, seconds: float, zeros: int, ones: int) -> servecontract.Samples:
    text = _metrics(ok, refused, seconds, zeros, ones)
    return servecontract.samples(200, "text/plain; version=0.0.4", text, exercise="t")


def _counted(after: servecontract.Samples, elapsed: float = 1.0) -> None:
    servecontract.traffic_counted(
        _samples(1, 0, 0.01, 1, 0),
        after,
        path="/predict",
        good=3,
        bad=2,
        elapsed=elapsed,
        classes={"0": 4, "1": 2},
        label="label",
    )


def test_traffic_counted_passes_the_traffic_sent() -> None:
    _counted(_samples(4, 2, 0.5, 5, 2))


@pytest.mark.parametrize(
    ("after", "elapsed", "says"),
    [
        ((4, 1, 0.5, 5, 2), 1.0, 'status="422"'),
        ((4, 2, 0.5, 5, 2), 0.1, "took 0.1 s"),
        ((4, 2, 0.5, 6, 2), 1.0, 'predictions_total{label="0"} grew by 5'),
    ],
)
def test_traffic_counted_names_what_is_off(
    after: tuple[int, int, float, int, int], elapsed: float, says: str
) -> None:
    with pytest.raises(CheckFailed) as failed:
        _counted(_samples(*after), elapsed)
    assert says in str(failed.value)


def test_samples_refuses_other_formats() -> None:
    with pytest.raises(CheckFailed, match="Content-Type"):
        servecontract.samples(200, "application/json", "{}", exercise="t")
    with pytest.raises(CheckFailed, match="answered 404"):
        servecontract.samples(404, "text/plain", "", exercise="t")


def _refused(status: int, detail: object, max_bytes: int | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    servecontract.refused("age NaN", status, body, field="age", allowed=(422,), max_bytes=max_bytes)


def test_refused_passes_a_422_naming_the_field() -> None:
    _refused(422, [{"loc": ["body", "rows", 0, "age"], "msg": "not a number"}])


@pytest.mark.parametrize(
    ("status", "detail", "says"),
    [
        (500, "boom", "a server error"),
        (200, "ok", "answered 200: answer 422"),
        (422, [], "empty detail"),
        (422, ["fare: wrong"], "does not name the field 'age'"),
        (422, ["age: " + "x" * 100], "do not echo"),
    ],
)
def test_refused_names_what_is_wrong(status: int, detail: object, says: str) -> None:
    with pytest.raises(CheckFailed) as failed:
        _refused(status, detail, max_bytes=100)
    assert says in str(failed.value)
