"""Correct, written differently: an ask-and-tell loop instead of study.optimize, a
multivariate TPE sampler, a PercentilePruner, the width chosen from a list, and Optuna's own
matplotlib plots."""

from __future__ import annotations

import warnings
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import optuna
from numpy.typing import NDArray
from sklearn.neural_network import MLPClassifier

EPOCHS = 10


def train_model(
    params: Mapping[str, Any],
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    *,
    epochs: int = EPOCHS,
    seed: int = 0,
    after_epoch: Callable[[int, MLPClassifier], None] | None = None,
) -> MLPClassifier:
    model = MLPClassifier(**{"random_state": seed, **params})
    epoch = 0
    while epoch < epochs:
        model.partial_fit(X, y, classes=list(range(10)))
        epoch += 1
        if after_epoch:
            after_epoch(epoch, model)
    return model


def suggest_params(trial: optuna.Trial) -> dict[str, Any]:
    width = trial.suggest_categorical("width", [32, 64, 128])
    return {
        "hidden_layer_sizes": (width,),
        "learning_rate_init": trial.suggest_float("lr", 3e-4, 0.1, log=True),
        "batch_size": trial.suggest_categorical("batch_size", [16, 64, 200]),
    }


def params_of(trial_params: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "hidden_layer_sizes": (trial_params["width"],),
        "learning_rate_init": trial_params["lr"],
        "batch_size": trial_params["batch_size"],
    }


def objective(
    trial: optuna.Trial,
    X_train: NDArray[np.float64],
    y_train: NDArray[np.int64],
    X_val: NDArray[np.float64],
    y_val: NDArray[np.int64],
) -> float:
    accuracy = 0.0

    def after(epoch: int, model: MLPClassifier) -> None:
        nonlocal accuracy
        accuracy = float(np.mean(model.predict(X_val) == y_val))
        trial.report(accuracy, epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()

    train_model(suggest_params(trial), X_train, y_train, after_epoch=after)
    return accuracy


def create_study(storage: str, study_name: str, seed: int | None = None) -> optuna.Study:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        sampler = optuna.samplers.TPESampler(seed=seed, multivariate=True)
    return optuna.create_study(
        storage=storage,
        study_name=study_name,
        load_if_exists=True,
        direction="maximize",
        sampler=sampler,
        pruner=optuna.pruners.PercentilePruner(50.0, n_startup_trials=4, n_warmup_steps=1),
    )


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
    study = create_study(storage, study_name, seed)
    for _ in range(n_trials):
        trial = study.ask()
        try:
            value = objective(trial, X_train, y_train, X_val, y_val)
        except optuna.TrialPruned:
            study.tell(trial, state=optuna.trial.TrialState.PRUNED)
        else:
            study.tell(trial, value)
    return study


def save_plots(study: optuna.Study, folder: Path) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from optuna.visualization import matplotlib as optuna_plots

    folder.mkdir(parents=True, exist_ok=True)
    out = {}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", optuna.exceptions.ExperimentalWarning)
        for name, plot in (
            ("history", optuna_plots.plot_optimization_history),
            ("importances", optuna_plots.plot_param_importances),
        ):
            ax = plot(study)
            out[name] = folder / f"{name}.png"
            ax.figure.savefig(out[name], dpi=72, bbox_inches="tight")
            plt.close(ax.figure)
    return out
