"""Regularization on small data: your code. Read brief.md first."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from torch import nn

HIDDEN = 128  # units of the MLP's hidden layer: 784 -> HIDDEN -> 10
SHIFT = 1  # augmentation: the largest shift, in pixels, along each axis
WEIGHT_DECAY = 0.1
DROPOUT = 0.5
PATIENCE = 3


@dataclass(frozen=True)
class Config:
    """The settings of one run; the regularizers are off by default."""

    epochs: int = 30  # at most this many epochs
    batch_size: int = 100
    lr: float = 3e-3
    weight_decay: float = 0.0
    dropout: float = 0.0
    augment: bool = False
    patience: int | None = None  # None: no early stopping
    seed: int = 0


def make_runs() -> dict[str, Config]:
    """The comparison: "none", "weight_decay", "dropout", "augmentation", "early_stopping"
    (each one regularizer alone) and "all" (all four together)."""
    raise NotImplementedError("make_runs: the baseline Config() and one run per regularizer")


@dataclass
class Run:
    """One finished run: the model it keeps, its per-epoch history and its accuracies."""

    model: nn.Module
    history: list[dict[str, float]]
    train_accuracy: float
    val_accuracy: float

    @property
    def gap(self) -> float:
        """Training minus validation accuracy: how much the model overfits."""
        return self.train_accuracy - self.val_accuracy


def augment(
    images: torch.Tensor, labels: torch.Tensor, generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    """A random variant of each image (N, 1, 28, 28), its label kept; randomness from
    `generator` only."""
    raise NotImplementedError("augment: mirror and shift each image at random")


def make_model(dropout: float = 0.0, seed: int = 0) -> nn.Module:
    """The MLP 784 -> HIDDEN -> 10 with nn.Dropout(dropout) after the hidden layer."""
    raise NotImplementedError("make_model: a seeded MLP with dropout after the hidden layer")


class EarlyStopping:
    """Watches the validation loss; `step` says when to stop, `restore` brings back the
    weights of the best epoch."""

    def __init__(self, patience: int) -> None:
        self.patience = patience

    def step(self, val_loss: float, model: nn.Module) -> bool:
        """Record one epoch's validation loss; True when training should stop now."""
        raise NotImplementedError("EarlyStopping.step: keep the best loss and weights")

    def restore(self, model: nn.Module) -> None:
        """Load the weights of the best epoch into `model`."""
        raise NotImplementedError("EarlyStopping.restore: load the best epoch's weights")


def evaluate(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) of `model` in eval mode, without gradients."""
    raise NotImplementedError("evaluate: loss and accuracy in eval mode")


def train(
    config: Config,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    val_images: torch.Tensor,
    val_labels: torch.Tensor,
) -> Run:
    """Train make_model(config.dropout, config.seed) as `config` says; return the Run."""
    raise NotImplementedError("train: the loop, with the regularizers the config turns on")


def plot_curves(runs: Mapping[str, Run], path: Path) -> Path:
    """The learning curves of each run (training and validation loss per epoch) as a PNG."""
    raise NotImplementedError("plot_curves: one panel per run, saved at path")


if __name__ == "__main__":
    import numpy as np

    from airoadmap.datasets import load_arrays

    X, y = load_arrays("fashion-mnist", split="train")
    order = np.random.default_rng(0).permutation(len(X))

    def tensors(rows: Any) -> tuple[torch.Tensor, torch.Tensor]:
        images = torch.as_tensor(X[rows], dtype=torch.float32).unsqueeze(1) / 255.0
        return images, torch.as_tensor(y[rows], dtype=torch.int64)

    train_set, val_set = tensors(order[:1000]), tensors(order[1000:2000])
    runs = {name: train(config, *train_set, *val_set) for name, config in make_runs().items()}
    for name, run in runs.items():
        print(f"{name:15} train {run.train_accuracy:.3f}  val {run.val_accuracy:.3f}  "
              f"gap {run.gap:.3f}  epochs {len(run.history)}")  # fmt: skip
    print("curves:", plot_curves(runs, Path("curves.png")))
