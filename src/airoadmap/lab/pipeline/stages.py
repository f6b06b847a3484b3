"""The pipeline's stages, one function each: ingest -> validate -> split -> preprocess ->
train -> evaluate -> register. Each takes what the one before returned and the config.

Nothing learns from data before `train`: the split comes first, and every statistic of the
preprocessing (medians, means, categories) is learned inside the Pipeline, from the
training rows, when it is fitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.errors import DatasetError
from airoadmap.lab.pipeline import schema as expectations
from airoadmap.lab.pipeline.config import Candidate, PipelineConfig, reference
from airoadmap.lab.pipeline.tracking import Champion, Store, promote

METRICS = ("accuracy", "f1", "roc_auc")
PARTS = ("train", "valid", "test")


@dataclass(frozen=True)
class Ingested:
    """The raw rows and where they came from."""

    frame: pd.DataFrame
    source: str


def ingest(config: PipelineConfig) -> Ingested:
    """Read the configured data set from the registry, or the configured CSV file.

    A CSV's text columns (per the schema) are read as text even when empty or numeric-looking,
    so that a type problem the validate stage reports is a real one.
    """
    data = config.data
    if data.dataset is not None:
        from airoadmap.datasets import load_frame

        return Ingested(load_frame(data.dataset), f"data set '{data.dataset}'")
    assert data.csv is not None
    path = config.resolve(data.csv)
    text = {
        name: "str"
        for name, column in expectations.SCHEMAS[data.expectations]().columns.items()
        if str(column.dtype).startswith(("str", "string"))
    }
    try:
        frame = pd.read_csv(path, dtype=text)
    except FileNotFoundError as exc:
        raise DatasetError(f"{path}: no such file (data.csv in {config.path}).") from exc
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise DatasetError(f"{path}: cannot read it as CSV ({exc}).") from exc
    return Ingested(frame, str(path))


def validate(ingested: Ingested, config: PipelineConfig, report: Path | None) -> pd.DataFrame:
    """The rows, once they meet the schema's expectations and have every configured column;
    otherwise the run stops here (DataValidationError, and the report file)."""
    schema = expectations.schema_for(
        config.data.expectations, [config.data.target, *config.features_list()]
    )
    return expectations.validate(ingested.frame, schema, source=ingested.source, report=report)


@dataclass(frozen=True)
class Split:
    """Training, validation and test rows: features (label and dropped columns removed) and
    labels."""

    X_train: pd.DataFrame
    y_train: pd.Series
    X_valid: pd.DataFrame
    y_valid: pd.Series
    X_test: pd.DataFrame
    y_test: pd.Series

    def part(self, name: str) -> tuple[pd.DataFrame, pd.Series]:
        return getattr(self, f"X_{name}"), getattr(self, f"y_{name}")

    def sizes(self) -> dict[str, int]:
        return {name: len(self.part(name)[1]) for name in PARTS}


def split(frame: pd.DataFrame, config: PipelineConfig) -> Split:
    """Hold out the test rows, then the validation rows; stratified on the label, seeded."""
    from sklearn.model_selection import train_test_split

    target = config.data.target
    X = frame.drop(columns=[target, *config.data.drop], errors="ignore")
    y = frame[target]
    share = config.split
    X_rest, X_test, y_rest, y_test = train_test_split(
        X,
        y,
        test_size=share.test_size,
        stratify=y if share.stratify else None,
        random_state=config.seed,
    )
    X_train, X_valid, y_train, y_valid = train_test_split(
        X_rest,
        y_rest,
        test_size=share.valid_size / (1 - share.test_size),
        stratify=y_rest if share.stratify else None,
        random_state=config.seed,
    )
    return Split(X_train, y_train, X_valid, y_valid, X_test, y_test)


def preprocess(config: PipelineConfig, candidate: Candidate) -> Any:
    """The candidate's unfitted Pipeline: imputation, scaling and one-hot encoding in a
    ColumnTransformer, then the model. It learns nothing yet: fitting the preprocessing
    on all rows here would leak the validation and test rows into training."""
    return reference().build_pipeline(config.candidate_config(candidate))


def train(pipeline: Any, parts: Split) -> Any:
    """Fit the whole Pipeline on the training rows only."""
    return pipeline.fit(parts.X_train, parts.y_train)


def evaluate(model: Any, parts: Split) -> dict[str, float]:
    """Every metric on every part: `valid_*` ranks runs, `test_*` is for the record, and
    `train_*` far above `valid_*` means the model memorises."""
    score = reference().score
    return {
        f"{part}_{metric}": score(model, *parts.part(part), metric)
        for part in PARTS
        for metric in METRICS
    }


def positive_proba(model: Any, X: pd.DataFrame) -> np.ndarray:
    """The model's probability of the positive class (label 1)."""
    return np.asarray(model.predict_proba(X))[:, 1]


def register(config: PipelineConfig, store: Store, valid_hash: str) -> Champion:
    """Move the registry alias to the best run measured on these validation rows."""
    return promote(
        store,
        config.tracking.experiment,
        metric=config.evaluate.metric,
        min_score=config.evaluate.min_score,
        valid_hash=valid_hash,
        model_name=config.tracking.registered_model,
        alias=config.tracking.alias,
    )
