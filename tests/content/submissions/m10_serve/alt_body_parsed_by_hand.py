"""Correct, written differently: the endpoint reads the raw body and validates it with a
pydantic TypeAdapter built from the signature (NaN parsed, then refused by the field), a
class holding the service's state, and a pure ASGI middleware for the metrics."""

import json
import os
import time
from typing import Annotated, Any

import mlflow.models
import mlflow.sklearn
import pandas as pd
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from pydantic import ConfigDict, Field, TypeAdapter, ValidationError, create_model

TYPES: dict[str, Any] = {
    "double": Annotated[float, Field(allow_inf_nan=False)],
    "long": Annotated[int, Field(ge=-(2**63), le=2**63 - 1)],
    "string": Annotated[str, Field(max_length=100)],
}


class Service:
    """The model, its schema and its metrics."""

    def __init__(self, uri: str) -> None:
        self.uri = uri
        info = mlflow.models.Model.load(uri)
        self.version = str(info.metadata["version"])
        self.columns = info.signature.inputs.input_names()
        fields = {
            c.name: (TYPES[c.type.name], ...) if c.required else (TYPES[c.type.name] | None, None)
            for c in info.signature.inputs.inputs
        }
        self.Row = create_model("Passenger", __config__=ConfigDict(extra="forbid"), **fields)
        rows = Annotated[list[self.Row], Field(min_length=1, max_length=1000)]  # type: ignore[name-defined]
        self.adapter: TypeAdapter[Any] = TypeAdapter(self.Row | rows)
        self.model: Any = None
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "http_requests", "", ["method", "path", "status"], registry=self.registry
        )
        self.latency = Histogram(
            "http_request_duration_seconds", "", ["method", "path"], registry=self.registry
        )
        self.predicted = Counter("predictions", "", ["survived"], registry=self.registry)

    def parse(self, raw: bytes) -> list[Any]:
        """The rows of a body; ValueError with one line per problem."""
        try:
            data = json.loads(raw)
        except ValueError as exc:
            raise ValueError([f"body: {exc}"]) from None
        try:
            parsed = self.adapter.validate_python(data)
        except ValidationError as exc:
            lines = [
                f"{'.'.join(str(p) for p in e['loc'] if p != 'Passenger') or 'body'}: {e['msg']}"
                for e in exc.errors(include_input=False)
            ]
            raise ValueError(lines) from None
        return parsed if isinstance(parsed, list) else [parsed]

    def predict(self, rows: list[Any]) -> list[dict[str, Any]]:
        frame = pd.DataFrame([r.model_dump() for r in rows], columns=self.columns)
        proba = self.model.predict_proba(frame)[:, 1]
        labels = self.model.predict(frame)
        out = []
        for label, p in zip(labels, proba, strict=True):
            self.predicted.labels(str(int(label))).inc()
            out.append({"survived": int(label), "probability": float(p)})
        return out


def create_app(model_uri: str | None = None) -> FastAPI:
    service = Service(model_uri or os.environ["MODEL_URI"])

    async def lifespan(app: FastAPI):  # type: ignore[no-untyped-def]
        service.model = mlflow.sklearn.load_model(service.uri)
        yield
        service.model = None

    app = FastAPI(lifespan=lifespan)
    known = {"/predict", "/health", "/ready", "/metrics"}

    def metrics_middleware(inner: Any) -> Any:
        async def asgi(scope: dict[str, Any], receive: Any, send: Any) -> None:
            if scope["type"] != "http":
                await inner(scope, receive, send)
                return
            start = time.perf_counter()
            status = [500]

            async def sending(message: dict[str, Any]) -> None:
                if message["type"] == "http.response.start":
                    status[0] = message["status"]
                    headers = list(message.get("headers", []))
                    headers.append((b"x-model-version", service.version.encode()))
                    message = {**message, "headers": headers}
                await send(message)

            try:
                await inner(scope, receive, sending)
            finally:
                path = scope["path"] if scope["path"] in known else "other"
                service.latency.labels(scope["method"], path).observe(time.perf_counter() - start)
                service.requests.labels(scope["method"], path, str(status[0])).inc()

        return asgi

    app.add_middleware(metrics_middleware)

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok"}

    @app.get("/ready")
    def ready() -> JSONResponse:
        up = service.model is not None
        return JSONResponse({"ready": up, "model_version": service.version}, 200 if up else 503)

    @app.post(
        "/predict",
        openapi_extra={
            "requestBody": {
                "content": {
                    "application/json": {
                        "schema": service.adapter.json_schema(
                            ref_template="#/components/schemas/{model}"
                        )
                    }
                },
                "required": True,
            }
        },
    )
    async def predict(request: Request) -> JSONResponse:
        try:
            rows = service.parse(await request.body())
        except ValueError as exc:
            return JSONResponse({"detail": exc.args[0]}, status_code=422)
        predictions = await run_in_threadpool(service.predict, rows)
        return JSONResponse({"model_version": service.version, "predictions": predictions})

    @app.get("/metrics")
    def metrics() -> Response:
        return Response(generate_latest(service.registry), media_type=CONTENT_TYPE_LATEST)

    return app


from starlette.concurrency import run_in_threadpool  # noqa: E402
