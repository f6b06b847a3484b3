"""The training loop in PyTorch: an MLP on Fashion-MNIST (the reference solution)."""

from __future__ import annotations

import copy
import math
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, Dataset

IndexArray = np.ndarray[Any, np.dtype[np.int64]]

# 784 inputs (28 x 28 pixels), one hidden layer of 256 units, 10 classes.
LAYERS: tuple[int, ...] = (784, 256, 10)
DROPOUT = 0.2
EVAL_BATCH_SIZE = 1024
# The mean and standard deviation of Fashion-MNIST's training pixels (scaled to [0, 1]): fixed
# numbers, so every image is converted on its own, whatever other images the Dataset holds.
PIXEL_MEAN, PIXEL_STD = 0.2860, 0.3530


@dataclass(frozen=True)
class TrainConfig:
    """The settings of one training run."""

    epochs: int = 4  # at most this many epochs
    batch_size: int = 256
    lr: float = 1e-3  # Adam's learning rate
    patience: int = 2  # stop after this many epochs without a lower validation loss
    valid_fraction: float = 0.1  # share of the images held out for validation
    seed: int = 0


def split_indices(n: int, valid_fraction: float, seed: int) -> tuple[IndexArray, IndexArray]:
    """Shuffle 0..n-1 with `seed` and cut it in two: (train indices, validation indices).

    round(n * valid_fraction) indices go to validation; the same seed gives the same split.
    """
    if not 0.0 < valid_fraction < 1.0:
        raise ValueError(f"valid_fraction must be between 0 and 1, got {valid_fraction}")
    order = np.random.default_rng(seed).permutation(n)
    n_valid = round(n * valid_fraction)
    return order[n_valid:], order[:n_valid]


class FashionDataset(Dataset[tuple[torch.Tensor, torch.Tensor]]):
    """Images and labels as tensors: item i is (784 standardised float32 pixels, label)."""

    def __init__(self, images: np.ndarray, labels: np.ndarray) -> None:
        if len(images) != len(labels):
            raise ValueError(f"{len(images)} images but {len(labels)} labels: give one per image")
        # Each image is scaled on its own (no statistics of the data set), once for all epochs.
        pixels = torch.as_tensor(np.asarray(images), dtype=torch.float32)
        self.images = (pixels.reshape(len(pixels), -1) / 255.0 - PIXEL_MEAN) / PIXEL_STD
        self.labels = torch.as_tensor(np.asarray(labels), dtype=torch.int64)

    def __len__(self) -> int:
        return len(self.labels)

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        return self.images[index], self.labels[index]


def make_model(
    layers: Sequence[int] = LAYERS, dropout: float = DROPOUT, seed: int = 0
) -> nn.Module:
    """An MLP with these layer widths: Linear layers, ReLU and Dropout between them.

    The same seed gives the same initial weights (the global random state is left as it was).
    """
    if len(layers) < 2:
        raise ValueError(f"layers needs at least 2 widths (inputs, outputs), got {list(layers)}")
    modules: list[nn.Module] = [nn.Flatten()]
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        for n_in, n_out in pairwise(layers):
            modules += [nn.Linear(n_in, n_out), nn.ReLU(), nn.Dropout(dropout)]
    return nn.Sequential(*modules[:-2])  # no ReLU or Dropout after the output layer


def count_parameters(layers: Sequence[int]) -> int:
    """The parameters of make_model(layers), by hand: a weight per input-output pair, a bias
    per output, for each Linear layer."""
    return sum(n_in * n_out + n_out for n_in, n_out in pairwise(layers))


@torch.no_grad()
def evaluate(model: nn.Module, loader: DataLoader[Any]) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) over every image of `loader`, in eval mode."""
    model.eval()
    total_loss, correct, count = 0.0, 0, 0
    for images, labels in loader:
        logits = model(images)
        total_loss += F.cross_entropy(logits, labels, reduction="sum").item()
        correct += int((logits.argmax(dim=1) == labels).sum())
        count += len(labels)
    return total_loss / count, correct / count


def train(
    model: nn.Module, images: np.ndarray, labels: np.ndarray, config: TrainConfig
) -> list[dict[str, float]]:
    """Train `model` in place on a seeded split of (images, labels), stop early on the
    validation loss, and leave the best epoch's weights in `model`.

    Returns one dict per epoch run: epoch (from 1), train_loss, valid_loss, valid_accuracy.
    """
    torch.manual_seed(config.seed)  # dropout
    train_rows, valid_rows = split_indices(len(images), config.valid_fraction, config.seed)
    train_loader = DataLoader(
        FashionDataset(images[train_rows], labels[train_rows]),
        batch_size=config.batch_size,
        shuffle=True,
        generator=torch.Generator().manual_seed(config.seed),
    )
    valid_loader = DataLoader(
        FashionDataset(images[valid_rows], labels[valid_rows]), batch_size=EVAL_BATCH_SIZE
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=config.lr)

    history: list[dict[str, float]] = []
    best_loss, best_state, waited = math.inf, copy.deepcopy(model.state_dict()), 0
    for epoch in range(1, config.epochs + 1):
        model.train()
        total, count = 0.0, 0
        for x, y in train_loader:
            optimizer.zero_grad()
            loss = F.cross_entropy(model(x), y)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(y)
            count += len(y)
        valid_loss, valid_accuracy = evaluate(model, valid_loader)
        history.append(
            {
                "epoch": epoch,
                "train_loss": total / count,
                "valid_loss": valid_loss,
                "valid_accuracy": valid_accuracy,
            }
        )
        if valid_loss < best_loss:
            best_loss, best_state, waited = valid_loss, copy.deepcopy(model.state_dict()), 0
        else:
            waited += 1
            if waited >= config.patience:
                break
    model.load_state_dict(best_state)
    return history


if __name__ == "__main__":
    from airoadmap.datasets import load_arrays

    X_train, y_train = load_arrays("fashion-mnist", split="train")
    X_test, y_test = load_arrays("fashion-mnist", split="test")
    config = TrainConfig()
    mlp = make_model(seed=config.seed)
    print(f"MLP {LAYERS}: {count_parameters(LAYERS):,} parameters")
    for row in train(mlp, X_train, y_train, config):
        print(", ".join(f"{key} {value:.4g}" for key, value in row.items()))
    test_loader = DataLoader(FashionDataset(X_test, y_test), batch_size=EVAL_BATCH_SIZE)
    test_loss, test_accuracy = evaluate(mlp, test_loader)
    print(f"test loss {test_loss:.4f}, test accuracy {test_accuracy:.4f}")
