"""The naive service: FastAPI, a pydantic model per passenger, the scikit-learn Pipeline
called per request on a DataFrame of the request's rows. Correct, clear, and what most
tutorials ship.

`create_app(folder)` builds it from a model folder written by `model.export`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from airoadmap.lab.serve.model import FIELDS, MAX_ROWS, replies, version_of

_F = FIELDS  # the bounds below are FIELDS', written out as pydantic wants them


class Passenger(BaseModel):
    """One passenger, as FIELDS describes it (strict: no "3" for 3, no extra fields)."""

    model_config = ConfigDict(extra="forbid", strict=True)

    pclass: Annotated[int, Field(ge=_F["pclass"].low, le=_F["pclass"].high)]
    sex: Literal["female", "male"]
    age: Annotated[float, Field(ge=_F["age"].low, le=_F["age"].high, allow_inf_nan=False)] | None
    sibsp: Annotated[int, Field(ge=_F["sibsp"].low, le=_F["sibsp"].high)]
    parch: Annotated[int, Field(ge=_F["parch"].low, le=_F["parch"].high)]
    fare: Annotated[float, Field(ge=_F["fare"].low, le=_F["fare"].high, allow_inf_nan=False)] | None
    embarked: Literal["C", "Q", "S"] | None


class PredictRequest(BaseModel):
    """The body of POST /predict."""

    model_config = ConfigDict(extra="forbid")

    passengers: list[Passenger] = Field(min_length=1, max_length=MAX_ROWS)


def create_app(folder: Path) -> Any:
    """The naive FastAPI app serving the model folder `folder`."""
    import joblib
    import numpy as np
    import pandas as pd
    from fastapi import FastAPI

    pipeline = joblib.load(folder / "model.joblib")
    version = version_of(folder)
    app = FastAPI(title="Titanic survival (naive)")

    @app.get("/health")
    def health() -> dict[str, str]:
        return {"status": "ok", "model_version": version}

    @app.get("/ready")
    def ready() -> dict[str, str]:
        return {"status": "ready", "model_version": version}

    @app.post("/predict")
    def predict(request: PredictRequest) -> dict[str, Any]:
        frame = pd.DataFrame([p.model_dump() for p in request.passengers])
        frame = frame.fillna(np.nan)  # None -> NaN: what the Pipeline's imputers treat as missing
        probability = pipeline.predict_proba(frame[list(FIELDS)])[:, 1]
        return replies(version, probability)

    return app
