"""The model as a FastAPI service.

    uvicorn service:app --port 8000     # MODEL_PATH names the model (default artifacts/)

GET /health says the process is up; POST /predict takes {"rows": [passenger, ...]} and answers
{"predictions": [0 or 1, ...], "model_version": "..."}; a row with a missing or mistyped field
is refused with 422 and a message naming it.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Literal

import joblib
import pandas as pd
from fastapi import FastAPI, Request
from pydantic import BaseModel, ConfigDict, Field

MODEL_PATH = Path(
    os.environ.get("MODEL_PATH", Path(__file__).resolve().parent / "artifacts" / "model.joblib")
)


class Passenger(BaseModel):
    """One passenger's features, as capstone.toml lists them (missing values as null)."""

    model_config = ConfigDict(extra="forbid")

    pclass: Literal[1, 2, 3]
    sex: Literal["female", "male"]
    age: float | None = Field(ge=0, le=120)
    sibsp: int = Field(ge=0)
    parch: int = Field(ge=0)
    fare: float | None = Field(ge=0)
    embarked: Literal["C", "Q", "S"] | None


class Batch(BaseModel):
    rows: list[Passenger] = Field(min_length=1, max_length=1000)


class Predictions(BaseModel):
    predictions: list[int]
    model_version: str


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    """Load the model once, when the server starts (importing this module loads nothing)."""
    app.state.model = joblib.load(MODEL_PATH)
    app.state.version = hashlib.sha256(MODEL_PATH.read_bytes()).hexdigest()[:12]
    yield


app = FastAPI(lifespan=lifespan, title="Titanic survival")


@app.get("/health")
def health(request: Request) -> dict[str, str]:
    return {"status": "ok", "model_version": request.app.state.version}


@app.post("/predict")
def predict(batch: Batch, request: Request) -> Predictions:
    frame = pd.DataFrame([row.model_dump() for row in batch.rows])
    labels = request.app.state.model.predict(frame)
    return Predictions(
        predictions=[int(v) for v in labels], model_version=request.app.state.version
    )
