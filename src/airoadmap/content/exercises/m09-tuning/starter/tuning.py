"""Hyperparameter search done right with Optuna: your code. Read brief.md first.

Keep the names and signatures: the checks call them. Data is loaded only under
`if __name__ == "__main__":` (the checks refuse a module that reads the digits itself).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import optuna
from numpy.typing import NDArray
from sklearn.neural_network import MLPClassifier

# Passes over the training images per trial: the budget every parameter set gets.
EPOCHS = 10

AfterEpoch = Callable[[int, MLPClassifier], None]


def train_model(
    params: Mapping[str, Any],
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    *,
    epochs: int = EPOCHS,
    seed: int = 0,
    after_epoch: AfterEpoch | None = None,
) -> MLPClassifier:
    """An MLPClassifier with `params` (missing ones keep scikit-learn's defaults), trained on
    X, y for `epochs` passes; `after_epoch(epoch, model)` is called after each (epoch from 1)."""
    raise NotImplementedError("train_model: MLPClassifier(**params), partial_fit per epoch")


def suggest_params(trial: optuna.Trial) -> dict[str, Any]:
    """The search space: MLPClassifier parameters suggested by the trial."""
    raise NotImplementedError("suggest_params: trial.suggest_float / suggest_int / ...")


def params_of(trial_params: Mapping[str, Any]) -> dict[str, Any]:
    """The MLPClassifier parameters of a finished trial's `params` (as stored in the study)."""
    raise NotImplementedError("params_of: turn study.best_params into MLPClassifier parameters")


def objective(
    trial: optuna.Trial,
    X_train: NDArray[np.float64],
    y_train: NDArray[np.int64],
    X_val: NDArray[np.float64],
    y_val: NDArray[np.int64],
) -> float:
    """Train with the trial's parameters on the training images; return the validation
    accuracy. Report the validation accuracy every epoch and stop when the pruner says so."""
    raise NotImplementedError("objective: train, report every epoch, return val accuracy")


def create_study(storage: str, study_name: str, seed: int | None = None) -> optuna.Study:
    """The study `study_name` in `storage` (an RDB URL such as "sqlite:///study.db"), created
    if it does not exist yet: maximise validation accuracy, TPE sampler, a pruner."""
    raise NotImplementedError("create_study: optuna.create_study(..., load_if_exists=True)")


def tune(
    storage: str,
    study_name: str,
    n_trials: int,
    X_train: NDArray[np.float64],
    y_train: NDArray[np.int64],
    X_val: NDArray[np.float64],
    y_val: NDArray[np.int64],
    *,
    seed: int | None = None,
) -> optuna.Study:
    """One worker: run `n_trials` trials of the shared study and return it."""
    raise NotImplementedError("tune: create_study, then study.optimize(...)")


def save_plots(study: optuna.Study, folder: Path) -> dict[str, Path]:
    """The optimisation history and the parameter importances as PNG files in `folder`:
    {"history": path, "importances": path}."""
    raise NotImplementedError("save_plots: draw both figures and savefig them")
