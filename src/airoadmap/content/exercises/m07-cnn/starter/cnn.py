"""A convolutional network for Fashion-MNIST: your code. Read brief.md first."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn


@dataclass(frozen=True)
class TrainConfig:
    """How `train` trains. Change the defaults: the checks train with TrainConfig()."""

    epochs: int = 3
    batch_size: int = 128
    lr: float = 0.01  # the peak learning rate of the schedule
    weight_decay: float = 0.05
    label_smoothing: float = 0.1
    augment: bool = False
    seed: int = 0


def make_model(in_channels: int = 1, num_classes: int = 10) -> nn.Module:
    """A compact CNN with batch norm and dropout, for 28x28 and 32x32 images alike."""
    raise NotImplementedError("make_model: convolution blocks, adaptive pooling, dropout, linear")


def normalize(
    images: np.ndarray,
    mean: Sequence[float] | None = None,
    std: Sequence[float] | None = None,
) -> torch.Tensor:
    """uint8 (N, H, W) or (N, H, W, C) -> float32 (N, C, H, W), standardised per channel."""
    raise NotImplementedError("normalize: scale to [0, 1], channel first, (x - mean) / std")


def channel_stats(images: np.ndarray) -> tuple[list[float], list[float]]:
    """Per-channel mean and standard deviation of uint8 images scaled to [0, 1]."""
    raise NotImplementedError("channel_stats: the mean and std of each channel")


def augment(batch: torch.Tensor, generator: torch.Generator, padding: int = 2) -> torch.Tensor:
    """A random crop of each image padded with zeros, then a random horizontal flip."""
    raise NotImplementedError("augment: a random shift (zeros filled in) and flip per image")


def train(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    config: TrainConfig,
    *,
    device: str | torch.device = "cpu",
    on_epoch: Callable[[int, dict[str, float]], None] | None = None,
) -> list[dict[str, float]]:
    """Train `model` in place; one record {'epoch', 'loss', 'lr'} per epoch."""
    raise NotImplementedError("train: AdamW, a one-cycle schedule, label smoothing, the loop")


def predict_proba(
    model: nn.Module,
    images: torch.Tensor,
    *,
    batch_size: int = 1024,
    device: str | torch.device = "cpu",
) -> torch.Tensor:
    """Class probabilities (N, classes), in eval mode."""
    raise NotImplementedError("predict_proba: eval mode, no_grad, softmax, batch by batch")


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """Counts (num_classes, num_classes): row = true class, column = predicted class."""
    raise NotImplementedError("confusion_matrix: count the (true, predicted) pairs")


def per_class_accuracy(matrix: np.ndarray) -> np.ndarray:
    """The share of each true class predicted correctly (NaN for a class with no examples)."""
    raise NotImplementedError("per_class_accuracy: the diagonal over the row sums")


def most_confident_mistakes(
    proba: torch.Tensor | np.ndarray, y_true: torch.Tensor | np.ndarray, k: int = 16
) -> np.ndarray:
    """Indices of the k wrong predictions made with the highest probability, most sure first."""
    raise NotImplementedError("most_confident_mistakes: wrong ones, sorted by top probability")
