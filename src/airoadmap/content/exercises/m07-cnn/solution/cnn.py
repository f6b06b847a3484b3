"""A convolutional network for Fashion-MNIST: model, augmentation, training and error analysis."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class TrainConfig:
    """How `train` trains: AdamW under a one-cycle learning-rate schedule.

    The defaults reach about 0.91 test accuracy on Fashion-MNIST in 3 epochs. Augmentation is a
    regulariser: it pays off in longer runs, and costs accuracy in a run this short.
    """

    epochs: int = 3
    batch_size: int = 128
    lr: float = 0.02  # the peak learning rate of the schedule
    weight_decay: float = 0.05
    label_smoothing: float = 0.1
    augment: bool = False
    seed: int = 0


def _block(in_channels: int, out_channels: int) -> nn.Sequential:
    """3x3 convolution, 2x2 max pooling, batch norm, ReLU: halves the height and width.

    Pooling before the normalisation and the activation runs them on a quarter of the pixels.
    """
    return nn.Sequential(
        nn.Conv2d(in_channels, out_channels, kernel_size=3, padding=1, bias=False),
        nn.MaxPool2d(2),
        nn.BatchNorm2d(out_channels),
        nn.ReLU(inplace=True),
    )


def make_model(in_channels: int = 1, num_classes: int = 10) -> nn.Module:
    """A compact CNN: two convolution blocks (16 and 32 channels), adaptive average pooling to
    7x7, dropout and a linear layer.

    The adaptive pooling makes the head independent of the image size (28x28 or 32x32).
    """
    return nn.Sequential(
        _block(in_channels, 16),
        _block(16, 32),
        nn.AdaptiveAvgPool2d(7),
        nn.Flatten(),
        nn.Dropout(0.2),
        nn.Linear(32 * 7 * 7, num_classes),
    )


def _scaled(images: np.ndarray) -> torch.Tensor:
    """uint8 (N, H, W) or (N, H, W, C) -> float32 (N, C, H, W) in [0, 1], a new tensor."""
    images = np.asarray(images)
    if images.dtype != np.uint8 or images.ndim not in (3, 4):
        raise ValueError(
            f"expected uint8 images of shape (N, H, W) or (N, H, W, C), got {images.dtype} "
            f"of shape {images.shape}."
        )
    x = torch.from_numpy(images)
    if x.ndim == 3:
        x = x.unsqueeze(-1)
    return x.permute(0, 3, 1, 2).float().div_(255.0)


def channel_stats(images: np.ndarray) -> tuple[list[float], list[float]]:
    """Per-channel mean and standard deviation of uint8 images scaled to [0, 1]."""
    x = _scaled(images)
    return x.mean(dim=(0, 2, 3)).tolist(), x.std(dim=(0, 2, 3)).tolist()


def normalize(
    images: np.ndarray,
    mean: Sequence[float] | None = None,
    std: Sequence[float] | None = None,
) -> torch.Tensor:
    """uint8 images (N, H, W) or (N, H, W, C) -> float32 (N, C, H, W), standardised per channel.

    Pixels are scaled to [0, 1]; then each channel has `mean` subtracted and is divided by
    `std`. Without them, both are the images' own (`channel_stats`); pass the training set's
    statistics when normalising the test set.
    """
    if mean is None or std is None:
        own_mean, own_std = channel_stats(images)
        mean = own_mean if mean is None else mean
        std = own_std if std is None else std
    x = _scaled(images)
    m = torch.as_tensor(mean, dtype=torch.float32).reshape(1, -1, 1, 1)
    s = torch.as_tensor(std, dtype=torch.float32).reshape(1, -1, 1, 1)
    return x.sub_(m).div_(s)  # in place: x is a fresh copy


def augment(batch: torch.Tensor, generator: torch.Generator, padding: int = 2) -> torch.Tensor:
    """A random crop of each image padded with `padding` zeros, then a random horizontal flip.

    `batch` is (N, C, H, W); every image gets its own shift (up to `padding` pixels each way)
    and a flip with probability 1/2, drawn from `generator` (a CPU generator).
    """
    n, _, height, width = batch.shape
    padded = F.pad(batch, (padding, padding, padding, padding))
    dy = torch.randint(0, 2 * padding + 1, (n, 1), generator=generator).to(batch.device)
    dx = torch.randint(0, 2 * padding + 1, (n, 1), generator=generator).to(batch.device)
    flip = (torch.rand(n, 1, generator=generator) < 0.5).to(batch.device)
    rows = dy + torch.arange(height, device=batch.device)  # (N, H)
    cols = torch.arange(width, device=batch.device).expand(n, width)
    cols = dx + torch.where(flip, cols.flip(1), cols)  # (N, W)
    images = torch.arange(n, device=batch.device)[:, None, None]
    # Advanced indexing on dims 0, 2, 3 puts the channel last: (N, H, W, C).
    crops = padded[images, :, rows[:, :, None], cols[:, None, :]]
    return crops.permute(0, 3, 1, 2).contiguous()


def train(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    config: TrainConfig,
    *,
    device: str | torch.device = "cpu",
    on_epoch: Callable[[int, dict[str, float]], None] | None = None,
) -> list[dict[str, float]]:
    """Train `model` on normalised images (N, C, H, W) and labels (N,) in place.

    AdamW with a one-cycle schedule (warm-up to `config.lr`, then annealing), cross-entropy
    with label smoothing, batches reshuffled each epoch and augmented when `config.augment`.
    Returns one record per epoch: "epoch", "loss" (the mean over the epoch's images of the
    loss minimised), "accuracy" (the share of them classified right in their training step)
    and "lr" (the learning rate of the epoch's last step); `on_epoch` is called with the
    epoch number and the record after each epoch.
    """
    if len(images) != len(labels):
        raise ValueError(
            f"train: images and labels differ in length ({len(images)} and {len(labels)})."
        )
    torch.manual_seed(config.seed)  # dropout draws from the global generator
    generator = torch.Generator().manual_seed(config.seed)
    # Channels-last memory makes convolutions on the CPU about 1.5x faster (torch's type
    # stubs omit the memory_format keyword of Module.to).
    model.to(device=device, memory_format=torch.channels_last)  # type: ignore[call-overload]
    model.train()
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=config.lr, weight_decay=config.weight_decay
    )
    steps_per_epoch = -(-len(images) // config.batch_size)
    scheduler = torch.optim.lr_scheduler.OneCycleLR(
        optimizer, max_lr=config.lr, epochs=config.epochs, steps_per_epoch=steps_per_epoch
    )
    loss_fn = nn.CrossEntropyLoss(label_smoothing=config.label_smoothing)
    history: list[dict[str, float]] = []
    for epoch in range(1, config.epochs + 1):
        order = torch.randperm(len(images), generator=generator)
        total_loss, correct = 0.0, 0
        for start in range(0, len(images), config.batch_size):
            index = order[start : start + config.batch_size]
            x, y = images[index], labels[index]
            if config.augment:
                x = augment(x, generator)
            x = x.to(device=device, memory_format=torch.channels_last)
            y = y.to(device)
            logits = model(x)
            loss = loss_fn(logits, y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            lr = optimizer.param_groups[0]["lr"]
            scheduler.step()
            total_loss += loss.item() * len(y)
            correct += int((logits.argmax(1) == y).sum())
        record = {
            "epoch": epoch,
            "loss": total_loss / len(images),
            "accuracy": correct / len(images),
            "lr": float(lr),
        }
        history.append(record)
        if on_epoch is not None:
            on_epoch(epoch, record)
    return history


@torch.no_grad()
def predict_proba(
    model: nn.Module,
    images: torch.Tensor,
    *,
    batch_size: int = 1024,
    device: str | torch.device = "cpu",
) -> torch.Tensor:
    """Class probabilities (N, classes) on the CPU, in eval mode (dropout off, BN running stats)."""
    model.to(device).eval()
    parts = [
        model(images[start : start + batch_size].to(device)).softmax(dim=1).cpu()
        for start in range(0, len(images), batch_size)
    ]
    return torch.cat(parts)


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    """Counts (num_classes, num_classes): row = true class, column = predicted class."""
    true = np.asarray(y_true, dtype=np.int64).reshape(-1)
    pred = np.asarray(y_pred, dtype=np.int64).reshape(-1)
    if len(true) != len(pred):
        raise ValueError(
            f"confusion_matrix: y_true and y_pred differ in length ({len(true)} and "
            f"{len(pred)}): pass one prediction per label."
        )
    for name, values in (("y_true", true), ("y_pred", pred)):
        if values.size and (values.min() < 0 or values.max() >= num_classes):
            raise ValueError(
                f"confusion_matrix: {name} holds labels outside 0..{num_classes - 1}: "
                "pass the right num_classes."
            )
    counts = np.bincount(true * num_classes + pred, minlength=num_classes * num_classes)
    return counts.reshape(num_classes, num_classes)


def per_class_accuracy(matrix: np.ndarray) -> np.ndarray:
    """The share of each true class predicted correctly: the diagonal over the row sums.

    A class with no examples (an empty row) gets NaN.
    """
    matrix = np.asarray(matrix, dtype=np.float64)
    totals = matrix.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(totals > 0, np.diag(matrix) / totals, np.nan)


def most_confident_mistakes(
    proba: torch.Tensor | np.ndarray, y_true: torch.Tensor | np.ndarray, k: int = 16
) -> np.ndarray:
    """Indices of the (at most) k wrong predictions made with the highest probability,
    most confident first (ties keep the lower index first)."""
    p = np.asarray(proba)
    true = np.asarray(y_true).reshape(-1)
    predicted = p.argmax(axis=1)
    confidence = p.max(axis=1)
    wrong = np.flatnonzero(predicted != true)
    order = np.argsort(-confidence[wrong], kind="stable")
    return wrong[order[:k]]
