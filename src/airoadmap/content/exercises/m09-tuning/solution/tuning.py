"""Hyperparameter search done right with Optuna (m09-tuning): the reference solution.

A small multi-layer perceptron (scikit-learn's MLPClassifier) on 8x8 digit images, trained
for a fixed budget of EPOCHS passes over the training images. Optuna searches its learning
rate, width, weight decay and batch size:

- the TPE sampler proposes parameters from the trials seen so far (seeded: the same seed
  gives the same study when one worker runs it);
- every epoch the objective reports its validation accuracy, and the MedianPruner stops a
  trial that is worse than the median of the earlier trials at the same epoch;
- the study lives in an RDB storage (an SQLite file URL), so several worker processes can
  run trials of the SAME study at once: each asks the database for the history;
- the study sees only the training and validation images. The test images are scored once,
  by whoever holds them, after the search, with the best parameters (never inside it).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import optuna
from matplotlib.figure import Figure
from numpy.typing import NDArray
from sklearn.neural_network import MLPClassifier

# Passes over the training images per trial: the budget every parameter set gets.
EPOCHS = 10
# The pruner lets this many trials finish before it compares, and never stops a trial
# before it has reported this many epochs.
PRUNER_STARTUP_TRIALS = 5
PRUNER_WARMUP_EPOCHS = 2

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
    model = MLPClassifier(random_state=seed, **params)
    classes = np.unique(y)
    for epoch in range(1, epochs + 1):
        model.partial_fit(X, y, classes=classes)
        if after_epoch is not None:
            after_epoch(epoch, model)
    return model


def suggest_params(trial: optuna.Trial) -> dict[str, Any]:
    """The search space: learning rate and weight decay on a log scale, width, batch size."""
    return {
        "learning_rate_init": trial.suggest_float("learning_rate_init", 1e-4, 1e-1, log=True),
        "alpha": trial.suggest_float("alpha", 1e-6, 1e-1, log=True),
        "hidden_layer_sizes": (trial.suggest_int("hidden_units", 16, 128, log=True),),
        "batch_size": trial.suggest_categorical("batch_size", [32, 64, 128, 256]),
    }


def params_of(trial_params: Mapping[str, Any]) -> dict[str, Any]:
    """The MLPClassifier parameters of a finished trial's `params` (as stored in the study)."""
    params = dict(trial_params)
    params["hidden_layer_sizes"] = (int(params.pop("hidden_units")),)
    return params


def objective(
    trial: optuna.Trial,
    X_train: NDArray[np.float64],
    y_train: NDArray[np.int64],
    X_val: NDArray[np.float64],
    y_val: NDArray[np.int64],
) -> float:
    """Train with the trial's parameters on the training images; return the validation
    accuracy. Reports the validation accuracy every epoch and stops when the pruner says so."""
    params = suggest_params(trial)

    def report(epoch: int, model: MLPClassifier) -> None:
        trial.report(float(model.score(X_val, y_val)), step=epoch)
        if trial.should_prune():
            raise optuna.TrialPruned(f"pruned after epoch {epoch}")

    model = train_model(params, X_train, y_train, after_epoch=report)
    return float(model.score(X_val, y_val))


def create_study(storage: str, study_name: str, seed: int | None = None) -> optuna.Study:
    """The study `study_name` in `storage` (an RDB URL such as "sqlite:///study.db"), created
    if it does not exist yet: maximise validation accuracy, TPE sampler, median pruner."""
    return optuna.create_study(
        storage=storage,
        study_name=study_name,
        direction="maximize",
        sampler=optuna.samplers.TPESampler(seed=seed),
        pruner=optuna.pruners.MedianPruner(
            n_startup_trials=PRUNER_STARTUP_TRIALS, n_warmup_steps=PRUNER_WARMUP_EPOCHS
        ),
        load_if_exists=True,
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
    """One worker: run `n_trials` trials of the shared study and return it. Start several
    workers (processes) with the same storage and name to run one study together."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = create_study(storage, study_name, seed)
    study.optimize(
        lambda trial: objective(trial, X_train, y_train, X_val, y_val), n_trials=n_trials
    )
    return study


def save_plots(study: optuna.Study, folder: Path) -> dict[str, Path]:
    """The optimisation history and the parameter importances as PNG files in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    finished = [t for t in study.trials if t.state == optuna.trial.TrialState.COMPLETE]
    paths = {"history": folder / "history.png", "importances": folder / "importances.png"}

    # Figure objects, not pyplot: no window, no global state, safe in any process.
    fig = Figure(figsize=(6, 4))
    ax = fig.subplots()
    numbers = [t.number for t in finished]
    values = [float(t.value) for t in finished if t.value is not None]
    ax.scatter(numbers, values, s=14, label="trial (validation accuracy)")
    ax.plot(numbers, np.maximum.accumulate(values), color="C1", label="best so far")
    ax.set(xlabel="trial", ylabel="validation accuracy", title="Optimisation history")
    ax.legend(loc="lower right")
    fig.tight_layout()
    fig.savefig(paths["history"], dpi=80)

    importances = optuna.importance.get_param_importances(
        study, evaluator=optuna.importance.FanovaImportanceEvaluator(seed=0)
    )
    fig = Figure(figsize=(6, 3))
    ax = fig.subplots()
    names = list(importances)[::-1]
    ax.barh(names, [importances[name] for name in names])
    ax.set(xlabel="importance (fANOVA)", title="Parameter importances")
    fig.tight_layout()
    fig.savefig(paths["importances"], dpi=80)
    return paths


if __name__ == "__main__":
    from sklearn.datasets import load_digits
    from sklearn.model_selection import train_test_split

    digits = load_digits()
    X_all, y_all = digits.data / 16.0, digits.target
    X_rest, X_test, y_rest, y_test = train_test_split(
        X_all, y_all, test_size=0.3, stratify=y_all, random_state=0
    )
    X_tr, X_va, y_tr, y_va = train_test_split(
        X_rest, y_rest, test_size=0.25, stratify=y_rest, random_state=0
    )
    best = tune("sqlite:///tuning.db", "digits-mlp", 30, X_tr, y_tr, X_va, y_va, seed=0)
    print("best validation accuracy", best.best_value, best.best_params)
    final = train_model(params_of(best.best_params), X_tr, y_tr)
    print("test accuracy (once, after the search)", final.score(X_test, y_test))
    print(save_plots(best, Path("tuning_plots")))
