"""The training loop in PyTorch: your code. Read brief.md first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset

IndexArray = np.ndarray[Any, np.dtype[np.int64]]

# The layer widths of your MLP: 784 pixels in, 10 classes out.
LAYERS: tuple[int, ...] = (784, 256, 10)
DROPOUT = 0.2


@dataclass(frozen=True)
class TrainConfig:
    """The settings of one training run (these defaults reach the bar with a correct loop)."""

    epochs: int = 4  # at most this many epochs
    batch_size: int = 256
    lr: float = 1e-3  # Adam's learning rate
    patience: int = 2  # stop after this many epochs without a lower validation loss
    valid_fraction: float = 0.1  # share of the images held out for validation
    seed: int = 0


def split_indices(n: int, valid_fraction: float, seed: int) -> tuple[IndexArray, IndexArray]:
    """Shuffle 0..n-1 with `seed` and cut it in two: (train indices, validation indices)."""
    raise NotImplementedError("split_indices: a seeded permutation of 0..n-1, cut in two")


class FashionDataset(Dataset[tuple[torch.Tensor, torch.Tensor]]):
    """Images and labels as tensors: item i is (784 scaled float32 pixels, int64 label)."""

    def __init__(self, images: np.ndarray, labels: np.ndarray) -> None:
        raise NotImplementedError("FashionDataset.__init__: convert the images and labels")

    def __len__(self) -> int:
        raise NotImplementedError("FashionDataset.__len__: the number of images")

    def __getitem__(self, index: int) -> tuple[torch.Tensor, torch.Tensor]:
        raise NotImplementedError("FashionDataset.__getitem__: (image, label) number index")


def make_model(
    layers: Sequence[int] = LAYERS, dropout: float = DROPOUT, seed: int = 0
) -> nn.Module:
    """An MLP with these layer widths: Linear layers, with ReLU and Dropout between them."""
    raise NotImplementedError("make_model: Flatten, then Linear / ReLU / Dropout, seeded")


def count_parameters(layers: Sequence[int]) -> int:
    """The number of parameters of make_model(layers), computed by hand from the widths."""
    raise NotImplementedError("count_parameters: weights and biases of each Linear layer")


def evaluate(model: nn.Module, loader: DataLoader[Any]) -> tuple[float, float]:
    """(mean cross-entropy, accuracy) over every image of `loader`, in eval mode."""
    raise NotImplementedError("evaluate: eval mode, no gradients, mean over images")


def train(
    model: nn.Module, images: np.ndarray, labels: np.ndarray, config: TrainConfig
) -> list[dict[str, float]]:
    """Train `model` in place on a seeded split of (images, labels), stop early on the
    validation loss, and leave the best epoch's weights in `model`.

    Returns one dict per epoch run: epoch (from 1), train_loss, valid_loss.
    """
    raise NotImplementedError("train: split, loaders, the epoch loop, early stopping")
