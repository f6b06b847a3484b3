"""Correct, written differently: the search space as a table of ranges, SGD with momentum
instead of Adam as a tuned choice, a HyperbandPruner, and the plots drawn with pyplot from
the trials' data frame and Optuna's importance evaluator."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import optuna
from numpy.typing import NDArray
from sklearn.neural_network import MLPClassifier

EPOCHS = 10
LOG_RANGES = {"learning_rate_init": (1e-3, 0.3), "alpha": (1e-5, 1e-2)}


def train_model(
    params: Mapping[str, Any],
    X: NDArray[np.float64],
    y: NDArray[np.int64],
    *,
    epochs: int = EPOCHS,
    seed: int = 0,
    after_epoch: Callable[[int, MLPClassifier], None] | None = None,
) -> MLPClassifier:
    model = MLPClassifier(random_state=seed).set_params(**params)
    for epoch in range(epochs):
        model.partial_fit(X, y, classes=np.unique(y))
        if after_epoch is not None:
            after_epoch(epoch + 1, model)
    return model


def suggest_params(trial: optuna.Trial) -> dict[str, Any]:
    params: dict[str, Any] = {
        name: trial.suggest_float(name, low, high, log=True)
        for name, (low, high) in LOG_RANGES.items()
    }
    params["solver"] = trial.suggest_categorical("solver", ["adam", "sgd"])
    params["hidden_layer_sizes"] = (trial.suggest_int("units", 32, 96, step=32),)
    params["batch_size"] = 64
    return params


def params_of(trial_params: Mapping[str, Any]) -> dict[str, Any]:
    params = {k: v for k, v in trial_params.items() if k != "units"}
    return {**params, "hidden_layer_sizes": (trial_params["units"],), "batch_size": 64}


def objective(
    trial: optuna.Trial,
    X_train: NDArray[np.float64],
    y_train: NDArray[np.int64],
    X_val: NDArray[np.float64],
    y_val: NDArray[np.int64],
) -> float:
    def check_in(epoch: int, model: MLPClassifier) -> None:
        trial.report(model.score(X_val, y_val), epoch)
        if trial.should_prune():
            raise optuna.TrialPruned()

    model = train_model(suggest_params(trial), X_train, y_train, after_epoch=check_in)
    return model.score(X_val, y_val)


def create_study(storage: str, study_name: str, seed: int | None = None) -> optuna.Study:
    return optuna.create_study(
        study_name=study_name,
        storage=optuna.storages.RDBStorage(storage),
        sampler=optuna.samplers.TPESampler(seed=seed),
        pruner=optuna.pruners.HyperbandPruner(min_resource=2, max_resource=EPOCHS),
        direction=optuna.study.StudyDirection.MAXIMIZE,
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
    study = create_study(storage, study_name, seed)
    study.optimize(
        lambda t: objective(t, X_train, y_train, X_val, y_val),
        n_trials=n_trials,
        gc_after_trial=False,
    )
    return study


def save_plots(study: optuna.Study, folder: Path) -> dict[str, Path]:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    folder.mkdir(parents=True, exist_ok=True)
    frame = study.trials_dataframe()
    done = frame[frame["state"] == "COMPLETE"]
    plt.figure()
    plt.plot(done["number"], done["value"], "o", label="trial")
    plt.step(done["number"], done["value"].cummax(), where="post", label="best")
    plt.xlabel("trial")
    plt.ylabel("validation accuracy")
    plt.legend()
    history = folder / "history.png"
    plt.savefig(history)
    plt.close()

    scores = optuna.importance.get_param_importances(study)
    plt.figure()
    plt.bar(list(scores), list(scores.values()))
    plt.ylabel("importance")
    importances = folder / "importances.png"
    plt.savefig(importances)
    plt.close()
    return {"history": history, "importances": importances}
