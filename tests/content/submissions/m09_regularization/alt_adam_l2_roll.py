"""Correct, written differently: Adam with an L2 penalty as the weight decay (added to the
gradient, not decoupled), augmentation by torch.roll with the wrapped border zeroed and
flips chosen by indexing, the layers named in an OrderedDict, early stopping that copies
the best parameters into a list, batches cut from one permutation, a custom history."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import torch
from matplotlib.figure import Figure
from torch import nn
from torch.nn import functional as F

HIDDEN = 128
WEIGHT_DECAY = 1e-3  # Adam's L2 penalty: its gradient is rescaled by Adam like any other
DROPOUT = 0.5
PATIENCE = 3


@dataclass(frozen=True)
class Config:
    epochs: int = 30
    batch_size: int = 100
    lr: float = 3e-3
    weight_decay: float = 0.0
    dropout: float = 0.0
    augment: bool = False
    patience: int | None = None
    seed: int = 0


def make_runs() -> dict[str, Config]:
    changes: dict[str, dict[str, object]] = {
        "weight_decay": {"weight_decay": WEIGHT_DECAY},
        "dropout": {"dropout": DROPOUT},
        "augmentation": {"augment": True},
        "early_stopping": {"patience": PATIENCE},
    }
    runs = {"none": Config()}
    every: dict[str, object] = {}
    for name, change in changes.items():
        runs[name] = replace(Config(), **change)  # type: ignore[arg-type]
        every.update(change)
    runs["all"] = replace(Config(), **every)  # type: ignore[arg-type]
    return runs


@dataclass
class Run:
    model: nn.Module
    history: list[dict[str, float]]
    train_accuracy: float
    val_accuracy: float

    @property
    def gap(self) -> float:
        return self.train_accuracy - self.val_accuracy


def _shift(images: torch.Tensor, dy: int, dx: int) -> torch.Tensor:
    moved = torch.roll(images, shifts=(dy, dx), dims=(-2, -1))
    if dy > 0:
        moved[..., :dy, :] = 0
    elif dy < 0:
        moved[..., dy:, :] = 0
    if dx > 0:
        moved[..., :, :dx] = 0
    elif dx < 0:
        moved[..., :, dx:] = 0
    return moved


def augment(
    images: torch.Tensor, labels: torch.Tensor, generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    out = images.clone()
    flip = torch.randperm(len(images), generator=generator)[: len(images) // 2]
    out[flip] = out[flip].flip(-1)
    offsets = torch.randint(-1, 2, (len(images), 2), generator=generator)
    for dy in (-1, 0, 1):
        for dx in (-1, 0, 1):
            rows = ((offsets[:, 0] == dy) & (offsets[:, 1] == dx)).nonzero().flatten()
            out[rows] = _shift(out[rows], dy, dx)
    return out, labels


def make_model(dropout: float = 0.0, seed: int = 0) -> nn.Module:
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        layers = OrderedDict(
            flat=nn.Flatten(),
            fc1=nn.Linear(784, HIDDEN),
            relu=nn.ReLU(),
            drop=nn.Dropout(p=dropout),
            fc2=nn.Linear(HIDDEN, 10),
        )
        return nn.Sequential(layers)


class EarlyStopping:
    def __init__(self, patience: int) -> None:
        self.patience = patience
        self.history: list[float] = []
        self.best_params: list[torch.Tensor] = []

    def step(self, val_loss: float, model: nn.Module) -> bool:
        if not self.history or val_loss < min(self.history):
            self.best_params = [p.detach().clone() for p in model.parameters()]
        self.history.append(val_loss)
        best_epoch = self.history.index(min(self.history))
        return len(self.history) - 1 - best_epoch >= self.patience

    def restore(self, model: nn.Module) -> None:
        with torch.no_grad():
            for param, best in zip(model.parameters(), self.best_params, strict=True):
                param.copy_(best)


@torch.inference_mode()
def evaluate(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[float, float]:
    was_training = model.training
    model.eval()
    logits = model(images)
    model.train(was_training)
    correct = logits.argmax(dim=-1).eq(labels).sum().item()
    return float(F.cross_entropy(logits, labels)), correct / labels.numel()


def train(
    config: Config,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    val_images: torch.Tensor,
    val_labels: torch.Tensor,
) -> Run:
    torch.manual_seed(config.seed)
    gen = torch.Generator()
    gen.manual_seed(config.seed)
    model = make_model(dropout=config.dropout, seed=config.seed)
    opt = torch.optim.Adam(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    stopper = EarlyStopping(config.patience) if config.patience else None
    history: list[dict[str, float]] = []
    for epoch in range(config.epochs):
        x_all, y_all = (
            augment(train_images, train_labels, gen) if config.augment
            else (train_images, train_labels)
        )  # fmt: skip
        perm = torch.randperm(len(x_all), generator=gen)
        model.train()
        losses = []
        for start in range(0, len(perm), config.batch_size):
            idx = perm[start : start + config.batch_size]
            loss = F.cross_entropy(model(x_all[idx]), y_all[idx], reduction="sum")
            opt.zero_grad()
            (loss / len(idx)).backward()
            opt.step()
            losses.append(loss.item())
        vl, va = evaluate(model, val_images, val_labels)
        history.append(
            {"epoch": epoch + 1, "train_loss": sum(losses) / len(perm), "val_loss": vl,
             "val_accuracy": va, "lr": config.lr}
        )  # fmt: skip
        if stopper and stopper.step(vl, model):
            break
    if stopper:
        stopper.restore(model)
    return Run(
        model=model,
        history=history,
        train_accuracy=evaluate(model, train_images, train_labels)[1],
        val_accuracy=evaluate(model, val_images, val_labels)[1],
    )


def plot_curves(runs: Mapping[str, Run], path: Path) -> Path:
    fig = Figure(figsize=(7, 4))
    train_ax, val_ax = fig.subplots(1, 2)
    for name, run in runs.items():
        epochs = [h["epoch"] for h in run.history]
        train_ax.plot(epochs, [h["train_loss"] for h in run.history], label=name)
        val_ax.plot(epochs, [h["val_loss"] for h in run.history], label=name)
    train_ax.set_title("training loss")
    val_ax.set_title("validation loss")
    val_ax.legend(fontsize=6)
    fig.savefig(path)
    return path
