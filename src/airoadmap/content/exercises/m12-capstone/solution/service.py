"""The model as a FastAPI service.

    uvicorn service:app --port 8000     # MODEL_PATH names the model (default artifacts/)

GET /health says the process is up, GET /ready that the model is loaded; POST /predict takes
{"rows": [passenger, ...]} and answers {"predictions": [0 or 1, ...], "model_version": "..."};
a row with a missing or mistyped field is refused with 422 and a message naming it. Every
answer carries the header X-Model-Version; GET /metrics counts requests, their latencies and
the predictions by class, in Prometheus' text format.
"""

from __future__ import annotations

import hashlib
import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Literal

import joblib
import pandas as pd
from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from pydantic import BaseModel, ConfigDict, Field

MODEL_PATH = Path(
    os.environ.get("MODEL_PATH", Path(__file__).resolve().parent / "artifacts" / "model.joblib")
)
MAX_BATCH = 1000  # rows per request


class Passenger(BaseModel):
    """One passenger's features, as capstone.toml lists them (missing values as null)."""

    model_config = ConfigDict(extra="forbid")

    pclass: Literal[1, 2, 3]
    sex: Literal["female", "male"]
    age: float | None = Field(ge=0, le=120)
    sibsp: int = Field(ge=0, le=20)
    parch: int = Field(ge=0, le=20)
    fare: float | None = Field(ge=0, le=10_000)
    embarked: Literal["C", "Q", "S"] | None


class Batch(BaseModel):
    model_config = ConfigDict(extra="forbid")  # {"rows": ...} and nothing else

    rows: list[Passenger] = Field(min_length=1, max_length=MAX_BATCH)


class Predictions(BaseModel):
    predictions: list[int]
    model_version: str


registry = CollectorRegistry()  # the app's own, not the process-wide default
requests = Counter(
    "http_requests", "HTTP requests", ["method", "path", "status"], registry=registry
)
latency = Histogram(
    "http_request_duration_seconds", "Time to answer", ["method", "path"], registry=registry
)
predicted = Counter("predictions", "Rows predicted, by class", ["label"], registry=registry)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load the model once, when the server starts (importing this module loads nothing)."""
    app.state.model = joblib.load(MODEL_PATH)
    app.state.version = hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()[:12]
    yield


app = FastAPI(lifespan=lifespan, title="Titanic survival")


@app.exception_handler(RequestValidationError)
async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
    """422 with where and what, never the input (it may hold NaN, or a megabyte of text)."""
    detail = [
        {"loc": list(error.get("loc", ())), "msg": error.get("msg", "invalid")}
        for error in exc.errors()
    ]
    return JSONResponse({"detail": detail}, status_code=422)


@app.middleware("http")
async def observe(
    request: Request, call_next: Callable[[Request], Awaitable[Response]]
) -> Response:
    """Count and time every request by its route; name the model version on every answer."""
    start = time.perf_counter()
    response = await call_next(request)
    path = getattr(request.scope.get("route"), "path", "unmatched")  # few label values
    latency.labels(request.method, path).observe(time.perf_counter() - start)
    requests.labels(request.method, path, str(response.status_code)).inc()
    response.headers["X-Model-Version"] = getattr(request.app.state, "version", "none")
    return response


@app.get("/health")
def health(request: Request) -> dict[str, str]:
    return {"status": "ok", "model_version": request.app.state.version}


@app.get("/ready")
def ready(request: Request) -> JSONResponse:
    """The model is loaded and can predict."""
    if not hasattr(request.app.state, "model"):
        return JSONResponse({"ready": False}, status_code=503)
    return JSONResponse({"ready": True, "model_version": request.app.state.version})


@app.post("/predict")
def predict(batch: Batch, request: Request) -> Predictions:
    frame = pd.DataFrame([row.model_dump() for row in batch.rows])
    labels = [int(v) for v in request.app.state.model.predict(frame)]
    for label in labels:
        predicted.labels(str(label)).inc()
    return Predictions(predictions=labels, model_version=request.app.state.version)


@app.get("/metrics")
def metrics() -> Response:
    """Prometheus' text format."""
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
