"""A Titanic pipeline in three stages that DVC runs: prepare -> train -> evaluate.

Each stage is a function of its own parameters and files, with nothing random left unseeded:
the same inputs give the same bytes, so DVC can tell by content hash what changed and what
can be skipped. `python versioning.py <stage>` runs one stage, as dvc.yaml's `cmd` says.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import numpy as np
import yaml

RAW = Path("data/titanic.csv")
TRAIN = Path("data/train.csv")
TEST = Path("data/test.csv")
MODEL = Path("model/model.json")
METRICS = Path("metrics.json")

LABEL = "survived"
FEATURES = ["pclass", "female", "age", "sibsp", "parch", "fare"]


def read_table(path: Path) -> np.ndarray:
    """A CSV of numbers written by prepare (header: the label, then FEATURES) as a matrix."""
    return np.loadtxt(path, delimiter=",", skiprows=1, ndmin=2)


def write_table(path: Path, rows: np.ndarray) -> None:
    """Write the label and FEATURES columns of `rows` with a header, numbers in full."""
    path.parent.mkdir(parents=True, exist_ok=True)
    np.savetxt(
        path, rows, fmt="%.17g", delimiter=",", header=",".join([LABEL, *FEATURES]), comments=""
    )


def prepare(params: dict[str, Any], raw: Path, train: Path, test: Path) -> None:
    """Shuffle the passengers with params["seed"], hold out params["test_fraction"] of them,
    fill a missing age or fare with the training rows' median, and write both tables."""
    with raw.open(newline="", encoding="utf-8") as f:
        records = list(csv.DictReader(f))

    def number(text: str) -> float:
        return float(text) if text.strip() else np.nan

    rows = np.array(
        [
            [
                number(r[LABEL]),
                number(r["pclass"]),
                1.0 if r["sex"] == "female" else 0.0,
                number(r["age"]),
                number(r["sibsp"]),
                number(r["parch"]),
                number(r["fare"]),
            ]
            for r in records
        ]
    )
    order = np.random.default_rng(params["seed"]).permutation(len(rows))
    n_test = round(len(rows) * params["test_fraction"])
    held_out, kept = rows[order[:n_test]], rows[order[n_test:]]
    medians = np.nanmedian(kept, axis=0)  # from the training rows only
    write_table(train, np.where(np.isnan(kept), medians, kept))
    write_table(test, np.where(np.isnan(held_out), medians, held_out))


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-z))


def train(params: dict[str, Any], train_csv: Path, model_path: Path) -> None:
    """Fit a logistic regression by full-batch gradient descent on standardised features
    (params: learning_rate, epochs, l2) and save it as JSON."""
    table = read_table(train_csv)
    y, x = table[:, 0], table[:, 1:]
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    z = (x - mean) / std
    weights, bias = np.zeros(z.shape[1]), 0.0
    for _ in range(params["epochs"]):
        error = sigmoid(z @ weights + bias) - y
        weights -= params["learning_rate"] * (z.T @ error / len(y) + params["l2"] * weights)
        bias -= params["learning_rate"] * float(error.mean())
    model = {
        "features": FEATURES,
        "mean": mean.tolist(),
        "std": std.tolist(),
        "weights": weights.tolist(),
        "bias": bias,
    }
    model_path.parent.mkdir(parents=True, exist_ok=True)
    model_path.write_text(json.dumps(model, indent=2) + "\n", encoding="utf-8")


def evaluate(params: dict[str, Any], model_path: Path, test_csv: Path, metrics_path: Path) -> None:
    """Write the model's accuracy on the held-out rows, at params["threshold"], as JSON."""
    model = json.loads(model_path.read_text(encoding="utf-8"))
    table = read_table(test_csv)
    y, x = table[:, 0], table[:, 1:]
    z = (x - np.array(model["mean"])) / np.array(model["std"])
    survives = sigmoid(z @ np.array(model["weights"]) + model["bias"]) >= params["threshold"]
    metrics = {"accuracy": float(np.mean(survives == y)), "test_rows": len(y)}
    metrics_path.write_text(json.dumps(metrics, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    """Run the stage named on the command line with its section of params.yaml."""
    args = sys.argv[1:] if argv is None else argv
    stages = ("prepare", "train", "evaluate")
    if len(args) != 1 or args[0] not in stages:
        raise SystemExit(f"usage: python versioning.py {{{'|'.join(stages)}}}")
    stage = args[0]
    params = yaml.safe_load(Path("params.yaml").read_text(encoding="utf-8"))[stage]
    if stage == "prepare":
        prepare(params, RAW, TRAIN, TEST)
    elif stage == "train":
        train(params, TRAIN, MODEL)
    else:
        evaluate(params, MODEL, TEST, METRICS)


if __name__ == "__main__":
    main()
