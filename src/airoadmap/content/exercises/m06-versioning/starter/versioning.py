"""A Titanic pipeline in three stages that DVC runs: your code. Read brief.md first.

Each stage is a function of its own parameters and files, with nothing random left unseeded:
the same inputs give the same bytes, so DVC can tell by content hash what changed and what
can be skipped. `python versioning.py <stage>` runs one stage, as dvc.yaml's `cmd` says.
"""

from __future__ import annotations

import csv  # noqa: F401  (prepare reads the raw CSV)
import json  # noqa: F401  (train and evaluate write JSON)
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
    raise NotImplementedError("prepare: split data/titanic.csv into the train and test tables")


def sigmoid(z: np.ndarray) -> np.ndarray:
    """The logistic function."""
    return 1.0 / (1.0 + np.exp(-z))


def train(params: dict[str, Any], train_csv: Path, model_path: Path) -> None:
    """Fit a logistic regression by full-batch gradient descent on standardised features
    (params: learning_rate, epochs, l2) and save it as JSON."""
    raise NotImplementedError("train: fit the logistic regression and save it as JSON")


def evaluate(params: dict[str, Any], model_path: Path, test_csv: Path, metrics_path: Path) -> None:
    """Write the model's accuracy on the held-out rows, at params["threshold"], as JSON."""
    raise NotImplementedError("evaluate: write the accuracy on the test table to metrics.json")


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
