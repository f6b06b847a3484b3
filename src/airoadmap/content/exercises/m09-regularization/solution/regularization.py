"""Regularization on small data (m09-regularization): the reference solution.

A small MLP trained on 1,000 Fashion-MNIST images overfits: it learns the training images
almost by heart while the validation accuracy stalls. Four remedies, each alone and all
together, against the same run without any:

- weight decay: AdamW shrinks every weight a little at each step (decoupled weight decay);
- dropout: in training mode half of the hidden units are zeroed at random (the others are
  scaled up), in eval mode nothing is dropped;
- data augmentation: each epoch sees a new random variant of every training image (mirrored
  left-right half of the time, shifted by up to SHIFT pixels), with its label unchanged;
- early stopping: stop after `patience` epochs without a lower validation loss and keep the
  weights of the best epoch.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from matplotlib.figure import Figure
from torch import nn
from torch.nn import functional as F

HIDDEN = 128  # units of the MLP's hidden layer: 784 -> 128 -> 10
SHIFT = 1  # augmentation: the largest shift, in pixels, along each axis
WEIGHT_DECAY = 0.1  # AdamW's decoupled weight decay
DROPOUT = 0.5  # the share of hidden units dropped in training mode
PATIENCE = 3  # early stopping: epochs without a lower validation loss before stopping


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
    """The comparison: no regularization, each regularizer alone, all four together."""
    return {
        "none": Config(),
        "weight_decay": Config(weight_decay=WEIGHT_DECAY),
        "dropout": Config(dropout=DROPOUT),
        "augmentation": Config(augment=True),
        "early_stopping": Config(patience=PATIENCE),
        "all": Config(weight_decay=WEIGHT_DECAY, dropout=DROPOUT, augment=True, patience=PATIENCE),
    }


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
    """A random variant of each image (N, 1, 28, 28): mirrored left-right with probability
    1/2, then shifted by -SHIFT..SHIFT pixels along each axis (the border filled with 0).
    The labels stay as they are; all randomness comes from `generator`."""
    n, _, height, width = images.shape
    mirror = torch.rand(n, generator=generator) < 0.5
    flipped = torch.where(mirror[:, None, None, None], images.flip(-1), images)
    padded = F.pad(flipped, (SHIFT, SHIFT, SHIFT, SHIFT))
    # Each image's window into its padded copy starts at a random offset 0..2*SHIFT.
    top = torch.randint(0, 2 * SHIFT + 1, (n,), generator=generator)
    left = torch.randint(0, 2 * SHIFT + 1, (n,), generator=generator)
    rows = (top[:, None] + torch.arange(height))[:, None, :, None]
    cols = (left[:, None] + torch.arange(width))[:, None, None, :]
    batch = torch.arange(n)[:, None, None, None]
    channel = torch.arange(images.shape[1])[None, :, None, None]
    return padded[batch, channel, rows, cols], labels


def make_model(dropout: float = 0.0, seed: int = 0) -> nn.Module:
    """The MLP 784 -> HIDDEN -> 10 with dropout after the hidden layer; the weights depend
    only on `seed` (not on `dropout`, which holds no weights)."""
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        return nn.Sequential(
            nn.Flatten(),
            nn.Linear(28 * 28, HIDDEN),
            nn.ReLU(),
            nn.Dropout(dropout),
            nn.Linear(HIDDEN, 10),
        )


class EarlyStopping:
    """Watches the validation loss; `step` says when to stop, `restore` brings back the
    weights of the best epoch (the first with the lowest loss)."""

    def __init__(self, patience: int) -> None:
        if patience < 1:
            raise ValueError(f"patience must be at least 1, got {patience}")
        self.patience = patience
        self.best_loss = float("inf")
        self.best_state: dict[str, Any] | None = None
        self.waited = 0

    def step(self, val_loss: float, model: nn.Module) -> bool:
        """Record one epoch's validation loss; True when training should stop now."""
        if val_loss < self.best_loss:
            self.best_loss, self.waited = val_loss, 0
            self.best_state = copy.deepcopy(model.state_dict())
        else:
            self.waited += 1
        return self.waited >= self.patience

    def restore(self, model: nn.Module) -> None:
        """Load the weights of the best epoch into `model`."""
        if self.best_state is None:
            raise RuntimeError("restore() before any step(): there are no best weights yet")
        model.load_state_dict(self.best_state)


@torch.no_grad()
def evaluate(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) of `model` in eval mode on all the images at once."""
    model.eval()
    logits = model(images)
    loss = F.cross_entropy(logits, labels).item()
    accuracy = (logits.argmax(dim=1) == labels).float().mean().item()
    return loss, accuracy


def train(
    config: Config,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    val_images: torch.Tensor,
    val_labels: torch.Tensor,
) -> Run:
    """Train make_model(config.dropout, config.seed) with AdamW on the training images,
    validating after every epoch; the accuracies are measured on the unaugmented images."""
    torch.manual_seed(config.seed)  # the dropout masks
    generator = torch.Generator().manual_seed(config.seed)  # batch order and augmentation
    model = make_model(config.dropout, config.seed)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=config.lr, weight_decay=config.weight_decay
    )
    stopper = EarlyStopping(config.patience) if config.patience is not None else None
    history: list[dict[str, float]] = []
    for epoch in range(1, config.epochs + 1):
        model.train()
        images, labels = train_images, train_labels
        if config.augment:
            images, labels = augment(images, labels, generator)
        order = torch.randperm(len(images), generator=generator)
        total = 0.0
        for batch in order.split(config.batch_size):
            loss = F.cross_entropy(model(images[batch]), labels[batch])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(batch)
        val_loss, val_accuracy = evaluate(model, val_images, val_labels)
        history.append(
            {
                "epoch": epoch,
                "train_loss": total / len(images),
                "val_loss": val_loss,
                "val_accuracy": val_accuracy,
            }
        )
        if stopper is not None and stopper.step(val_loss, model):
            break
    if stopper is not None:
        stopper.restore(model)
    _, train_accuracy = evaluate(model, train_images, train_labels)
    _, val_accuracy = evaluate(model, val_images, val_labels)
    return Run(model, history, train_accuracy, val_accuracy)


def plot_curves(runs: Mapping[str, Run], path: Path) -> Path:
    """The learning curves of each run (training and validation loss per epoch), one panel
    per run, saved as a PNG at `path`."""
    fig = Figure(figsize=(4 * len(runs), 3.2))
    axes = fig.subplots(1, len(runs), sharey=True, squeeze=False)[0]
    for ax, (name, run) in zip(axes, runs.items(), strict=True):
        epochs = [row["epoch"] for row in run.history]
        ax.plot(epochs, [row["train_loss"] for row in run.history], label="training")
        ax.plot(epochs, [row["val_loss"] for row in run.history], label="validation")
        ax.set(title=f"{name}: gap {run.gap:.3f}", xlabel="epoch")
    axes[0].set(ylabel="cross-entropy")
    axes[0].legend()
    fig.tight_layout()
    fig.savefig(path, dpi=60)
    return path


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
