"""A model behind a REST API (m10-serve): serve the month-6 Titanic model with FastAPI.

Run it yourself (the checks start it the same way):

    MODEL_URI=path/to/model uvicorn --factory app:create_app

The model folder is in MLflow's format (`mlflow.sklearn.save_model`): its MLmodel file holds
the signature (input columns, types, which may be missing) and metadata["version"].
"""

import os
from typing import Any

import mlflow.models
import mlflow.sklearn
import pandas as pd
from fastapi import FastAPI
from prometheus_client import CONTENT_TYPE_LATEST, CollectorRegistry, generate_latest

MAX_BATCH = 1000  # rows per request; more is a 422


def create_app(model_uri: str | None = None) -> FastAPI:
    """The service of the MLflow model at `model_uri` (default: the MODEL_URI variable).

    - read the signature and the version: `info = mlflow.models.Model.load(uri)`;
    - a pydantic model of one row from `info.signature.inputs.inputs` (pydantic.create_model);
    - a lifespan that loads the model (`mlflow.sklearn.load_model(uri)`);
    - POST /predict (one row or a list of 1 to MAX_BATCH), GET /health, GET /ready,
      GET /metrics, and the header X-Model-Version on every response.
    """
    raise NotImplementedError("create_app: build the FastAPI app (see the brief)")


# Used above once you write it; listed so the imports are not flagged as unused.
_TOOLS: tuple[Any, ...] = (
    os,
    mlflow.models,
    mlflow.sklearn,
    pd,
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    generate_latest,
)
