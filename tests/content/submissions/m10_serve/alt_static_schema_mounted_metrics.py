"""Correct, written differently: a hand-written request model (checked against the
signature at start), app.state for the model, and
prometheus_client's own ASGI app mounted at /metrics."""

import os
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Annotated, Literal

import mlflow.models
import mlflow.sklearn
import numpy as np
import pandas as pd
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from prometheus_client import CollectorRegistry, Counter, Histogram, make_asgi_app
from pydantic import BaseModel, ConfigDict, Field

Finite = Annotated[float, Field(allow_inf_nan=False)]
Count = Annotated[int, Field(ge=0, le=100)]


class Passenger(BaseModel):
    model_config = ConfigDict(extra="forbid")

    age: Annotated[float, Field(ge=0, le=150, allow_inf_nan=False)] | None = None
    sibsp: Count
    parch: Count
    fare: Annotated[float, Field(ge=0, le=100_000, allow_inf_nan=False)] | None = None
    pclass: Literal[1, 2, 3]
    sex: Annotated[str, Field(max_length=20)]
    embarked: Annotated[str, Field(max_length=5)] | None = None


def create_app(model_uri: str | None = None) -> FastAPI:
    uri = model_uri or os.environ["MODEL_URI"]
    info = mlflow.models.Model.load(uri)
    names = info.signature.inputs.input_names()
    if sorted(names) != sorted(Passenger.model_fields):
        raise ValueError(f"the model takes {names}, the API {list(Passenger.model_fields)}")
    version = str(info.metadata["version"])

    registry = CollectorRegistry()
    requests = Counter("http_requests", "requests", ["method", "path", "status"], registry=registry)
    seconds = Histogram(
        "http_request_duration_seconds", "time", ["method", "path"], registry=registry
    )
    classes = Counter("predictions", "predicted rows", ["survived"], registry=registry)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.model = mlflow.sklearn.load_model(uri)
        yield
        del app.state.model

    app = FastAPI(lifespan=lifespan)
    app.mount("/metrics", make_asgi_app(registry=registry))

    @app.middleware("http")
    async def count(request: Request, call_next):  # type: ignore[no-untyped-def]
        began = time.monotonic()
        response = await call_next(request)
        route = request.scope.get("route")
        path = route.path if route is not None else request.url.path
        seconds.labels(request.method, path).observe(time.monotonic() - began)
        requests.labels(request.method, path, response.status_code).inc()
        response.headers["x-model-version"] = version
        return response

    @app.exception_handler(RequestValidationError)
    async def refuse(request: Request, exc: RequestValidationError) -> JSONResponse:
        problems = [
            {"field": ".".join(str(p) for p in e["loc"][1:]) or "body", "problem": e["msg"]}
            for e in exc.errors()
        ]
        return JSONResponse(status_code=422, content={"detail": problems})

    @app.get("/health")
    def health() -> dict[str, bool]:
        return {"alive": True}

    @app.get("/ready")
    def ready(request: Request) -> JSONResponse:
        loaded = hasattr(request.app.state, "model")
        return JSONResponse(
            {"ready": loaded, "model_version": version}, status_code=200 if loaded else 503
        )

    @app.post("/predict")
    def predict(
        request: Request,
        body: Passenger | Annotated[list[Passenger], Field(min_length=1, max_length=1000)],
    ) -> dict[str, object]:
        passengers = body if isinstance(body, list) else [body]
        frame = pd.DataFrame.from_records([p.model_dump() for p in passengers], columns=names)
        model = request.app.state.model
        survived = np.asarray(model.predict(frame))
        chance = model.predict_proba(frame)[:, list(model.classes_).index(1)]
        for value in survived:
            classes.labels(int(value)).inc()
        return {
            "model_version": version,
            "predictions": [
                {"survived": int(s), "probability": float(p)}
                for s, p in zip(survived, chance, strict=True)
            ],
        }

    return app
