"""Correct, written differently: pandas reads and writes the tables, the split is a seeded
`DataFrame.sample`, and the model is trained on an added column of ones (the bias as a
weight) and saved with its column names; main() parses its argument with argparse.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import yaml

RAW = Path("data/titanic.csv")
TRAIN = Path("data/train.csv")
TEST = Path("data/test.csv")
MODEL = Path("model/model.json")
METRICS = Path("metrics.json")
FEATURES = ["pclass", "female", "age", "sibsp", "parch", "fare"]


def prepare(params: dict[str, Any], raw: Path, train: Path, test: Path) -> None:
    frame = pd.read_csv(raw)
    frame["female"] = (frame["sex"] == "female").astype(float)
    frame = frame[["survived", *FEATURES]].astype(float)
    held_out = frame.sample(frac=params["test_fraction"], random_state=params["seed"])
    kept = frame.drop(index=held_out.index)
    medians = kept.median()
    for table, path in ((kept, train), (held_out, test)):
        path.parent.mkdir(parents=True, exist_ok=True)
        table.fillna(medians).to_csv(path, index=False, float_format="%.17g")


def train(params: dict[str, Any], train_csv: Path, model_path: Path) -> None:
    frame = pd.read_csv(train_csv)
    x = frame[FEATURES].to_numpy()
    y = frame["survived"].to_numpy()
    mean, std = x.mean(axis=0), np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)
    z = np.column_stack([np.ones(len(x)), (x - mean) / std])
    theta = np.zeros(z.shape[1])
    penalty = np.r_[0.0, np.ones(len(FEATURES))] * params["l2"]
    for _ in range(params["epochs"]):
        p = 1.0 / (1.0 + np.exp(-(z @ theta)))
        theta = theta - params["learning_rate"] * (z.T @ (p - y) / len(y) + penalty * theta)
    model = {"columns": FEATURES, "mean": list(mean), "std": list(std), "theta": list(theta)}
    model_path.parent.mkdir(parents=True, exist_ok=True)
    model_path.write_text(json.dumps(model), encoding="utf-8")


def evaluate(params: dict[str, Any], model_path: Path, test_csv: Path, metrics_path: Path) -> None:
    model = json.loads(model_path.read_text(encoding="utf-8"))
    frame = pd.read_csv(test_csv)
    z = (frame[model["columns"]].to_numpy() - model["mean"]) / model["std"]
    score = model["theta"][0] + z @ np.array(model["theta"][1:])
    predicted = (1.0 / (1.0 + np.exp(-score))) >= params["threshold"]
    accuracy = float((predicted == frame["survived"].to_numpy()).mean())
    metrics_path.write_text(json.dumps({"accuracy": accuracy}), encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Run one stage of the pipeline.")
    parser.add_argument("stage", choices=["prepare", "train", "evaluate"])
    stage = parser.parse_args(argv).stage
    params = yaml.safe_load(Path("params.yaml").read_text(encoding="utf-8"))[stage]
    if stage == "prepare":
        prepare(params, RAW, TRAIN, TEST)
    elif stage == "train":
        train(params, TRAIN, MODEL)
    else:
        evaluate(params, MODEL, TEST, METRICS)


if __name__ == "__main__":
    main()
