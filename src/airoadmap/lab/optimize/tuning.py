"""Tuning the m07-cnn training with Optuna: worker processes share one SQLite study.

The study is set up as in the m09-tuning solution (maximise validation accuracy, the TPE
sampler, the median pruner), kept in an SQLite file; its module is not imported here, as it
loads scikit-learn, which a CNN does not need. Each worker process opens
the study by URL and runs its trials; the database holds the history every sampler reads.
A trial trains the m07-cnn net with the solution's `train` on a subset of the training
images and reports the accuracy on held-out training images (the validation images) after
each epoch; the test images never reach this module.
"""

from __future__ import annotations

import dataclasses
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from multiprocessing import get_context
from typing import Any

import numpy as np
import optuna
import torch

from airoadmap.lab.reference import reference_module

# The median pruner lets this many trials finish before it compares, and stops no trial
# before this epoch (as in the m09-tuning solution): a trial of three epochs can be stopped
# after its second.
PRUNER_STARTUP_TRIALS = 5
PRUNER_WARMUP_EPOCHS = 2


@dataclass(frozen=True)
class TuneData:
    """What a worker trains and validates on: uint8 images (N, H, W), int64 labels, and the
    standardisation (the training images' mean and std)."""

    train_images: np.ndarray
    train_labels: np.ndarray
    val_images: np.ndarray
    val_labels: np.ndarray
    mean: list[float]
    std: list[float]


@dataclass(frozen=True)
class TuneBudget:
    """Each trial's budget: epochs over the tuning subset, intra-op threads per worker."""

    epochs: int
    threads: int = 1


def suggest_config(trial: optuna.Trial, epochs: int) -> dict[str, Any]:
    """The search space: peak learning rate and weight decay on a log scale, label smoothing.
    Returns TrainConfig fields."""
    return {
        "lr": trial.suggest_float("lr", 3e-3, 6e-2, log=True),
        "weight_decay": trial.suggest_float("weight_decay", 1e-3, 0.3, log=True),
        "label_smoothing": trial.suggest_float("label_smoothing", 0.0, 0.2),
        "epochs": epochs,
    }


def objective(trial: optuna.Trial, data: TuneData, budget: TuneBudget) -> float:
    """Train the m07-cnn net with the trial's settings; the validation accuracy after the last
    epoch. Reports it after every epoch and stops when the median pruner says so."""
    sol = reference_module("m07-cnn", "cnn")
    config = dataclasses.replace(sol.TrainConfig(), **suggest_config(trial, budget.epochs))
    train_x = sol.normalize(data.train_images, data.mean, data.std)
    val_x = sol.normalize(data.val_images, data.mean, data.std)
    train_y = torch.from_numpy(np.asarray(data.train_labels, dtype=np.int64))
    torch.manual_seed(config.seed)
    model = sol.make_model(1, int(data.train_labels.max()) + 1)
    scores: list[float] = []

    def on_epoch(epoch: int, record: dict[str, float]) -> None:
        proba = sol.predict_proba(model, val_x)
        scores.append(float((proba.argmax(1).numpy() == data.val_labels).mean()))
        model.train()  # predict_proba left eval mode; train() sets train mode only once
        trial.report(scores[-1], step=epoch)
        if trial.should_prune():
            raise optuna.TrialPruned(f"pruned after epoch {epoch}")

    sol.train(model, train_x, train_y, config, on_epoch=on_epoch)
    return scores[-1]


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


def tune_worker(
    storage: str, study_name: str, n_trials: int, seed: int, data: TuneData, budget: TuneBudget
) -> int:
    """One worker (a process of its own, or the caller): run `n_trials` trials of the study
    `study_name` in `storage`, sampling with `seed`. Returns the trials it ran."""
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    torch.set_num_threads(budget.threads)
    study = create_study(storage, study_name, seed=seed)
    study.optimize(lambda trial: objective(trial, data, budget), n_trials=n_trials)
    return n_trials


def start_workers(
    storage: str,
    study_name: str,
    trials: list[int],
    seed: int,
    data: TuneData,
    budget: TuneBudget,
) -> tuple[ProcessPoolExecutor, list[Future[int]]]:
    """Start one process per entry of `trials` (its number of trials), each with its own
    sampler seed, on the same study. Fresh "spawn" processes: no copy of the caller's torch
    threads. The caller waits on the futures and shuts the executor down."""
    executor = ProcessPoolExecutor(max_workers=len(trials), mp_context=get_context("spawn"))
    futures = [
        executor.submit(tune_worker, storage, study_name, n, seed + i, data, budget)
        for i, n in enumerate(trials)
    ]
    return executor, futures


def trial_rows(study: optuna.Study) -> list[dict[str, Any]]:
    """Each trial of the study: number, state, value (validation accuracy, None when it did not
    finish), params, epochs reported."""
    return [
        {
            "number": t.number,
            "state": t.state.name,
            "value": t.value,
            "params": dict(t.params),
            "epochs_reported": len(t.intermediate_values),
        }
        for t in study.trials
    ]
