"""Correct, written differently: the MLP as an nn.Module class, augmentation image by image
in a Python loop (mirror, then a shifted window cut from a zero-padded copy), early stopping
that keeps cloned tensors, evaluation in batches summing the loss, a DataLoader over a
TensorDataset for the training batches, and the curves drawn with pyplot."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset

HIDDEN = 128
SHIFT = 1
WEIGHT_DECAY = 0.1
DROPOUT = 0.5
PATIENCE = 3
EVAL_BATCH = 250


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
    base = Config()
    runs = {
        "none": base,
        "weight_decay": Config(weight_decay=WEIGHT_DECAY),
        "dropout": Config(dropout=DROPOUT),
        "augmentation": Config(augment=True),
        "early_stopping": Config(patience=PATIENCE),
    }
    runs["all"] = Config(
        weight_decay=WEIGHT_DECAY, dropout=DROPOUT, augment=True, patience=PATIENCE
    )
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


def augment(
    images: torch.Tensor, labels: torch.Tensor, generator: torch.Generator
) -> tuple[torch.Tensor, torch.Tensor]:
    padded = F.pad(images, (SHIFT, SHIFT, SHIFT, SHIFT))
    out = torch.empty_like(images)
    size = images.shape[-1]
    for i in range(len(images)):
        picture = padded[i]
        if bool(torch.rand((), generator=generator) < 0.5):
            picture = picture.flip(-1)
        top, left = torch.randint(0, 2 * SHIFT + 1, (2,), generator=generator).tolist()
        out[i] = picture[:, top : top + size, left : left + size]
    return out, labels.clone()


class MLP(nn.Module):
    def __init__(self, dropout: float) -> None:
        super().__init__()
        self.hidden = nn.Linear(784, HIDDEN)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(HIDDEN, 10)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.out(self.drop(F.relu(self.hidden(x.flatten(1)))))


def make_model(dropout: float = 0.0, seed: int = 0) -> nn.Module:
    state = torch.random.get_rng_state()
    torch.manual_seed(seed)
    model = MLP(dropout)
    torch.random.set_rng_state(state)
    return model


class EarlyStopping:
    def __init__(self, patience: int) -> None:
        self.patience = patience
        self.best = float("inf")
        self.bad_epochs = 0
        self.saved: dict[str, torch.Tensor] = {}

    def step(self, val_loss: float, model: nn.Module) -> bool:
        if val_loss >= self.best:
            self.bad_epochs += 1
            return self.bad_epochs >= self.patience
        self.best = val_loss
        self.bad_epochs = 0
        self.saved = {k: v.detach().clone() for k, v in model.state_dict().items()}
        return False

    def restore(self, model: nn.Module) -> None:
        model.load_state_dict(self.saved)


def evaluate(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[float, float]:
    model.eval()
    loss_sum, right = 0.0, 0
    with torch.no_grad():
        for start in range(0, len(images), EVAL_BATCH):
            x, y = images[start : start + EVAL_BATCH], labels[start : start + EVAL_BATCH]
            logits = model(x)
            loss_sum += F.cross_entropy(logits, y, reduction="sum").item()
            right += int((logits.argmax(1) == y).sum())
    return loss_sum / len(images), right / len(images)


def train(
    config: Config,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    val_images: torch.Tensor,
    val_labels: torch.Tensor,
) -> Run:
    torch.manual_seed(config.seed)
    rng = torch.Generator().manual_seed(config.seed)
    model = make_model(config.dropout, config.seed)
    optimizer = torch.optim.AdamW(model.parameters(), config.lr, weight_decay=config.weight_decay)
    stopper = None if config.patience is None else EarlyStopping(config.patience)
    history: list[dict[str, float]] = []
    epoch = 0
    while epoch < config.epochs:
        epoch += 1
        images = augment(train_images, train_labels, rng)[0] if config.augment else train_images
        loader = DataLoader(
            TensorDataset(images, train_labels),
            batch_size=config.batch_size,
            shuffle=True,
            generator=rng,
        )
        model.train()
        seen, summed = 0, 0.0
        for x, y in loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            seen += len(y)
            summed += loss.item() * len(y)
        val_loss, val_accuracy = evaluate(model, val_images, val_labels)
        history.append(
            {"epoch": epoch, "train_loss": summed / seen, "val_loss": val_loss,
             "val_accuracy": val_accuracy}
        )  # fmt: skip
        if stopper is not None and stopper.step(val_loss, model):
            break
    if stopper is not None:
        stopper.restore(model)
    return Run(
        model,
        history,
        evaluate(model, train_images, train_labels)[1],
        evaluate(model, val_images, val_labels)[1],
    )


def plot_curves(runs: Mapping[str, Run], path: Path) -> Path:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, axes = plt.subplots(2, 3, figsize=(10, 6))
    for ax, (name, run) in zip(axes.flat, runs.items(), strict=False):
        for key in ("train_loss", "val_loss"):
            ax.plot([r["epoch"] for r in run.history], [r[key] for r in run.history], label=key)
        ax.set_title(name)
    axes.flat[0].legend()
    fig.savefig(path)
    plt.close(fig)
    return path
