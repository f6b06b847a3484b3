"""Train the model and a baseline, evaluate both on the test rows, audit fairness, save.

python train.py            # writes artifacts/model.joblib and metrics.json
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import data
import joblib
import numpy as np
import pandas as pd
from sklearn.dummy import DummyClassifier
from sklearn.metrics import accuracy_score
from sklearn.pipeline import Pipeline

HERE = Path(__file__).resolve().parent
MODEL_FILE = "model.joblib"


def build_model(frame: pd.DataFrame) -> Pipeline:
    """Your model: preprocessing of `frame`'s columns and an estimator, as one Pipeline."""
    raise NotImplementedError("TODO(capstone): build the model (a Pipeline: columns, estimator)")


def group_rates(y_true: np.ndarray, y_pred: np.ndarray, groups: np.ndarray) -> dict[str, Any]:
    """Selection rate, TPR and FPR per group (names as text, 4 decimals) and the two gaps:
    {"groups": {name: {"rows", "selection_rate", "true_positive_rate",
    "false_positive_rate"}}, "demographic_parity_difference", "equalized_odds_difference"}."""
    raise NotImplementedError("TODO(capstone): the fairness audit's rates (as in m12-fairness)")


def run(out_dir: Path) -> dict[str, Any]:
    """Fit, evaluate, save the model in `out_dir`; return the metrics (also metrics.json)."""
    config = data.settings()
    target, sensitive = config["data"]["target"], config["data"]["sensitive"]
    train, test = data.split(data.load_frame())
    x_train, y_train = train.drop(columns=target), train[target].to_numpy()
    x_test, y_test = test.drop(columns=target), test[target].to_numpy()

    model = build_model(x_train).fit(x_train, y_train)
    baseline = DummyClassifier(strategy="most_frequent").fit(x_train, y_train)
    predicted = model.predict(x_test)
    metrics: dict[str, Any] = {
        "metric": "accuracy",
        "score": round(float(accuracy_score(y_test, predicted)), 4),
        "baseline_score": round(float(accuracy_score(y_test, baseline.predict(x_test))), 4),
        "train_rows": len(train),
        "test_rows": len(test),
        "seed": config["run"]["seed"],
    }
    if sensitive:
        metrics["fairness"] = {
            "attribute": sensitive,
            **group_rates(y_test, predicted, x_test[sensitive].to_numpy()),
        }
    out_dir.mkdir(parents=True, exist_ok=True)
    joblib.dump(model, out_dir / MODEL_FILE)
    metrics["model_version"] = hashlib.sha256((out_dir / MODEL_FILE).read_bytes()).hexdigest()[:12]
    (out_dir / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    return metrics


def main() -> None:
    """Train into artifacts/ and copy metrics.json beside this file (it is committed)."""
    metrics = run(HERE / "artifacts")
    (HERE / "metrics.json").write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")
    print(f"{metrics['metric']} {metrics['score']} (baseline {metrics['baseline_score']})")


if __name__ == "__main__":
    main()
