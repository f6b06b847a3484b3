"""A model behind a REST API (m10-serve): the month-6 champion served with FastAPI.

    MODEL_URI=path/to/model uvicorn --factory app:create_app

`create_app(model_uri)` reads the MLflow model's MLmodel file (its signature and version),
derives the request schema from the signature, and returns the app. The model itself is
loaded when the server starts (the lifespan), so /ready says 503 until it can predict.

Why it is right: every input is validated against the model's own signature before it
reaches the model (a wrong type, a missing column, NaN or an oversized batch is a 422 that
names the field, never a 500); every response names the model version that produced it;
/metrics counts what happened, in the app's own registry; on SIGTERM uvicorn stops taking
connections, lets requests in flight finish, then runs the lifespan's shutdown.

No `from __future__ import annotations` here: FastAPI reads the annotations of the endpoint
functions at run time, and `Row` exists only inside create_app.
"""

import os
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from typing import Annotated, Any

import mlflow.models
import mlflow.sklearn
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
from pydantic import BaseModel, ConfigDict, Field, create_model

MAX_BATCH = 1000  # rows per request; more is a 422 (split the batch)
INT64 = 2**63  # a pandas int64 column holds -2**63 .. 2**63 - 1
MAX_TEXT = 200  # characters of a text field

# MLflow's column types (those of this model's signature) -> the pydantic type that
# accepts exactly the JSON values the model can take.
FIELD_TYPES: dict[str, Any] = {
    "double": Annotated[float, Field(allow_inf_nan=False)],
    "long": Annotated[int, Field(ge=-INT64, lt=INT64)],
    "string": Annotated[str, Field(max_length=MAX_TEXT)],
}
SHAPE_ERRORS = ("list_type", "model_attributes_type")  # "not a row" / "not a list of rows"


class Prediction(BaseModel):
    survived: int
    probability: float  # of survival


class PredictResponse(BaseModel):
    model_version: str
    predictions: list[Prediction]


def row_model(signature: Any) -> type[BaseModel]:
    """A pydantic model of one input row: one field per column of the model's signature,
    required where the signature says so, else optional (null or absent = missing)."""
    fields: dict[str, Any] = {}
    for column in signature.inputs.inputs:
        kind = FIELD_TYPES.get(column.type.name)
        if kind is None:
            raise ValueError(f"column {column.name!r} has type {column.type.name}: not served")
        fields[column.name] = (kind, ...) if column.required else (kind | None, None)
    config = ConfigDict(extra="forbid")  # a misspelt column is an error, not ignored
    return create_model("Row", __config__=config, **fields)


def readable(errors: Sequence[Any]) -> list[str]:
    """One line per problem, "field: what is wrong", without echoing the input (it may hold
    NaN, which JSON cannot carry, or a megabyte of text). Of a body that is one row or a
    list of rows, only the errors of the shape that was sent."""
    for error in errors:
        if error.get("type") == "json_invalid":
            return [f"body: not valid JSON ({error.get('ctx', {}).get('error', 'parse error')})"]
    relevant = [e for e in errors if e.get("type") not in SHAPE_ERRORS]
    if not relevant:  # neither branch of "one row or a list" fits at all
        return [f"body: send one row (a JSON object) or a list of 1 to {MAX_BATCH} rows"]
    lines = []
    for error in relevant:
        loc = [str(part) for part in error.get("loc", ())]
        where = ".".join(p for p in loc if p not in ("body", "Row", "list[Row]")) or "body"
        lines.append(f"{where}: {error.get('msg', 'invalid')}")
    return lines


def create_app(model_uri: str | None = None) -> FastAPI:
    """The service of the MLflow model at `model_uri` (default: the MODEL_URI variable)."""
    uri = model_uri or os.environ["MODEL_URI"]
    info = mlflow.models.Model.load(uri)  # MLmodel only: the signature and the metadata
    if info.signature is None:
        raise ValueError(f"the model at {uri} has no signature: log it with one")
    version = str((info.metadata or {}).get("version", info.model_uuid))
    Row = row_model(info.signature)
    Batch = Annotated[list[Row], Field(min_length=1, max_length=MAX_BATCH)]  # type: ignore[valid-type]
    columns = info.signature.inputs.input_names()
    state: dict[str, Any] = {}

    registry = CollectorRegistry()  # the app's own: two apps in one process do not collide
    requests = Counter(
        "http_requests", "HTTP requests", ["method", "path", "status"], registry=registry
    )
    latency = Histogram(
        "http_request_duration_seconds", "Time to answer", ["method", "path"], registry=registry
    )
    predicted = Counter("predictions", "Rows predicted, by class", ["survived"], registry=registry)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        state["model"] = mlflow.sklearn.load_model(uri)
        yield
        state.clear()  # after the requests in flight have finished

    app = FastAPI(title="Titanic survival", version=version, lifespan=lifespan)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": readable(exc.errors())}, status_code=422)

    @app.middleware("http")
    async def observe(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        start = time.perf_counter()
        response = await call_next(request)
        route = request.scope.get("route")
        path = getattr(route, "path", "unmatched")  # the route, not the raw URL: few labels
        latency.labels(request.method, path).observe(time.perf_counter() - start)
        requests.labels(request.method, path, str(response.status_code)).inc()
        response.headers["X-Model-Version"] = version
        return response

    @app.get("/health")
    def health() -> dict[str, str]:
        """The process answers (liveness)."""
        return {"status": "ok"}

    @app.get("/ready", responses={503: {"description": "model not loaded"}})
    def ready() -> JSONResponse:
        """The model is loaded and can predict (readiness)."""
        if "model" not in state:
            return JSONResponse({"ready": False, "model_version": version}, status_code=503)
        return JSONResponse({"ready": True, "model_version": version})

    @app.post("/predict", response_model=PredictResponse)
    def predict(rows: Row | Batch) -> PredictResponse:  # type: ignore[valid-type]
        """Survival of one passenger (an object) or of a batch (a list of 1 to 1000)."""
        batch = rows if isinstance(rows, list) else [rows]
        frame = pd.DataFrame([row.model_dump() for row in batch], columns=columns)
        model = state["model"]
        scores = model.predict_proba(frame)  # one pass through the pipeline, not two
        labels = model.classes_[scores.argmax(axis=1)]  # what model.predict(frame) returns
        proba = scores[:, 1]  # classes_ is [0, 1]: column 1 is "survived"
        for label in labels:
            predicted.labels(str(int(label))).inc()
        return PredictResponse(
            model_version=version,
            predictions=[
                Prediction(survived=int(label), probability=float(p))
                for label, p in zip(labels, proba, strict=True)
            ],
        )

    @app.get("/metrics")
    def metrics() -> Response:
        """Prometheus' text format."""
        return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)

    return app
