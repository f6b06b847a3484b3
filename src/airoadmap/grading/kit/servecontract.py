"""Month 10's HTTP contract of a model service, as pure helpers that checks apply.

Checks keep their own HTTP client and their own app; these judge what came back:

    from airoadmap.grading.kit import servecontract

    servecontract.refused("age NaN", status, body, field="age", allowed=(422,))
    before = servecontract.samples(status, content_type, text, exercise=EXERCISE)
    ...  # the check's traffic
    servecontract.traffic_counted(before, after, path="/predict", good=3, bad=2,
                                  elapsed=elapsed, classes={"0": 5, "1": 6}, label="survived")
    calls, found = servecontract.server_errors(schema, base, examples=8, timeout_s=30)
    servecontract.no_server_errors(calls, found)

`samples` parses Prometheus' text format (prometheus-client's parser); `traffic_counted`
compares the growth of http_requests_total, http_request_duration_seconds (a Histogram) and
predictions_total with the traffic the check sent; `server_errors` runs schemathesis on an
OpenAPI schema (derandomised, `examples` generated cases per operation) against a running
app; `refused` judges one bad body's answer (a 4xx with a "detail" that names the field).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from airoadmap.grading.api import expect, fail
from airoadmap.grading.kit.needs import need

__all__ = ["Samples", "no_server_errors", "refused", "samples", "server_errors", "total"]

Samples = dict[tuple[str, tuple[tuple[str, str], ...]], float]
_SHOWN = 3  # server errors quoted in a message


def refused(
    what: str,
    status: int,
    body: bytes,
    *,
    field: str | None,
    allowed: tuple[int, ...],
    max_bytes: int | None = None,
    path: str = "/predict",
) -> None:
    """POST `path` with `what` must answer one of `allowed`, with a JSON "detail" naming
    `field` (when given), in fewer than `max_bytes` bytes (when given: no echo of the input)."""
    if status >= 500:
        fail(
            f"POST {path} with {what} answered {status} (a server error). Bad "
            "input is the client's mistake: validate it and answer 422 with what is "
            "wrong. Hint: FastAPI's default 422 echoes the input, and NaN is no JSON."
        )
    expect(
        status in allowed,
        f"POST {path} with {what} answered {status}: answer {' or '.join(map(str, allowed))}.",
    )
    try:
        data = json.loads(body)
    except ValueError:
        data = None
    expect(
        isinstance(data, dict) and "detail" in data,
        f"POST {path} with {what} answered {body[:120]!r}: answer JSON with a "
        '"detail" that says what is wrong.',
    )
    detail = json.dumps(data["detail"])
    expect(
        bool(data["detail"]),
        f"POST {path} with {what} answered an empty detail {detail}: say what is wrong.",
    )
    expect(
        field is None or field in detail,
        f"POST {path} with {what}: the message {detail[:160]} does not name the field "
        f"{field!r}. Say which field is wrong, so the caller can fix it.",
    )
    expect(
        max_bytes is None or len(body) < max_bytes,
        f"POST {path} with {what} answered {len(body)} bytes: do not echo the "
        "input back in an error.",
    )


def samples(status: int, content_type: str, text: str, *, exercise: str) -> Samples:
    """GET /metrics's answer parsed: (sample name, sorted labels) -> value."""
    parser = need("prometheus_client.parser", exercise=exercise, install="prometheus-client")
    expect(status == 200, f"GET /metrics answered {status}: answer 200.")
    expect(
        content_type.startswith("text/plain"),
        f"GET /metrics has Content-Type {content_type or 'none'!r}: Prometheus expects its text "
        "format, media_type=CONTENT_TYPE_LATEST (text/plain; version=0.0.4).",
    )
    try:
        families = list(parser.text_string_to_metric_families(text))
    except Exception as exc:
        fail(f"GET /metrics is not Prometheus' text format ({exc}): use generate_latest().")
    return {
        (s.name, tuple(sorted(s.labels.items()))): float(s.value)
        for family in families
        for s in family.samples
    }


def total(found: Samples, name: str, **labels: str) -> float:
    """The sum of `name`'s samples whose labels include `labels`."""
    return sum(
        value
        for (sample, have), value in found.items()
        if sample == name and all(dict(have).get(k) == v for k, v in labels.items())
    )


def traffic_counted(
    before: Samples,
    after: Samples,
    *,
    path: str,
    good: int,
    bad: int,
    elapsed: float,
    classes: Mapping[str, int],
    label: str,
) -> None:
    """/metrics grew by the traffic sent between `before` and `after`: `good` POSTs to `path`
    answered 200 and `bad` answered 422 (one after another, `elapsed` seconds in all), whose
    answers held `classes[value]` predictions of each class (label `label`)."""

    def grew(name: str, **labels: str) -> float:
        return total(after, name, **labels) - total(before, name, **labels)

    ok = grew("http_requests_total", method="POST", path=path, status="200")
    refused_ = grew("http_requests_total", method="POST", path=path, status="422")
    expect(
        (ok, refused_) == (good, bad),
        f'http_requests_total{{method="POST",path="{path}"}} grew by {ok:g} with '
        f'status="200" and {refused_:g} with status="422"; the checks sent {good} '
        f"good and {bad} bad requests. Count every request once, after its answer, with its "
        "status.",
    )
    timed = grew("http_request_duration_seconds_count", method="POST", path=path)
    expect(
        timed == good + bad,
        f'http_request_duration_seconds_count{{path="{path}"}} grew by {timed:g} for '
        f"{good + bad} requests: observe the duration of every request (a Histogram).",
    )
    spent = grew("http_request_duration_seconds_sum", method="POST", path=path)
    expect(
        0 < spent <= elapsed,
        f'http_request_duration_seconds_sum{{path="{path}"}} grew by {spent:.4g} s for '
        f"requests that took {elapsed:.3g} s in all, one after another: observe each "
        "request's own duration in seconds (time.perf_counter() after minus before).",
    )
    for value, sent in classes.items():
        counted = grew("predictions_total", **{label: value})
        expect(
            counted == sent,
            f'predictions_total{{{label}="{value}"}} grew by {counted:g}, but the answers '
            f"held {sent} such predictions: count each predicted row by its class.",
        )


def server_errors(
    schema: dict[str, Any], base: str, *, examples: int, timeout_s: float, exercise: str
) -> tuple[int, list[str]]:
    """schemathesis on `schema` against the app at `base`: `examples` generated cases per
    operation (derandomised, no database); the requests sent, and the server errors (the
    shortest requests first: the plainest to read)."""
    need("schemathesis", exercise=exercise, install="schemathesis")
    import schemathesis
    from hypothesis import HealthCheck, Phase, given, settings
    from schemathesis.core.result import Err

    found: list[str] = []
    calls = 0
    for result in schemathesis.openapi.from_dict(schema).get_all_operations():
        if isinstance(result, Err):
            fail(f"schemathesis cannot read an operation of /openapi.json: {result.err()}")
        operation = result.ok()
        name = operation.label

        @settings(
            max_examples=examples,
            derandomize=True,
            database=None,
            deadline=None,
            suppress_health_check=list(HealthCheck),
            phases=[Phase.explicit, Phase.generate],
        )
        @given(operation.as_strategy())
        def call(case: Any) -> None:
            nonlocal calls
            calls += 1
            response = case.call(base_url=base, timeout=timeout_s)
            if response.status_code >= 500:
                plain = dict | list | str | int | float | None
                body = json.dumps(case.body) if isinstance(case.body, plain) else ""
                found.append(f"{name} {body} -> {response.status_code}")  # noqa: B023

        call()
    found.sort(key=len)
    return calls, [f"{case[:160]}..." if len(case) > 160 else case for case in found[:_SHOWN]]


def no_server_errors(calls: int, found: list[str], *, advice: str) -> None:
    """`server_errors`' verdict: none found, else the cases that got one, and `advice`."""
    expect(
        not found,
        f"schemathesis sent {calls} requests generated from your OpenAPI schema; these got a "
        f"server error: {'; '.join(found)}. {advice}",
    )
