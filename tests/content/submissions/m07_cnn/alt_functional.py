"""Correct, written differently: layers named in an OrderedDict, statistics as float64
tensors, the augmentation as two torch.gather calls (rows, then columns), batches cut with
torch.split from one permutation, OneCycleLR with cosine annealing given total_steps, the
confusion matrix as a 2-D histogram, and the mistakes ordered with np.lexsort."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 3
    batch_size: int = 128
    lr: float = 0.02
    weight_decay: float = 0.01
    label_smoothing: float = 0.1
    augment: bool = False
    seed: int = 7


def make_model(in_channels: int = 1, num_classes: int = 10) -> nn.Module:
    layers: OrderedDict[str, nn.Module] = OrderedDict()
    channels = in_channels
    for i, width in enumerate((16, 32)):
        layers[f"conv{i}"] = nn.Conv2d(channels, width, kernel_size=3, padding=1, bias=False)
        layers[f"pool{i}"] = nn.MaxPool2d(kernel_size=2)
        layers[f"bn{i}"] = nn.BatchNorm2d(width)
        layers[f"act{i}"] = nn.ReLU()
        channels = width
    layers["squeeze"] = nn.AdaptiveAvgPool2d(7)
    layers["flat"] = nn.Flatten()
    layers["dropout"] = nn.Dropout(0.2)
    layers["out"] = nn.Linear(channels * 7 * 7, num_classes)
    return nn.Sequential(layers)


def _as_nchw(images: np.ndarray) -> torch.Tensor:
    if not (isinstance(images, np.ndarray) and images.dtype == np.uint8):
        raise ValueError(f"images must be a uint8 array, not {getattr(images, 'dtype', images)}")
    if images.ndim not in (3, 4):
        raise ValueError(f"images of shape {images.shape}: expected (N, H, W) or (N, H, W, C)")
    if images.ndim not in (3, 4):
        raise ValueError(
            f"images must have the shape (N, H, W) or (N, H, W, C), not {images.shape}"
        )
    x = torch.as_tensor(images, dtype=torch.float64) / 255
    return x[:, None] if x.dim() == 3 else x.movedim(-1, 1)


def channel_stats(images: np.ndarray) -> tuple[list[float], list[float]]:
    x = _as_nchw(images).transpose(0, 1).flatten(1)
    return x.mean(dim=1).tolist(), x.std(dim=1, unbiased=False).tolist()


def normalize(
    images: np.ndarray,
    mean: Sequence[float] | None = None,
    std: Sequence[float] | None = None,
) -> torch.Tensor:
    x = _as_nchw(images)
    own_mean, own_std = channel_stats(images) if mean is None or std is None else (mean, std)
    m = torch.tensor(list(own_mean), dtype=torch.float64).view(1, -1, 1, 1)
    s = torch.tensor(list(own_std), dtype=torch.float64).view(1, -1, 1, 1)
    return ((x - m) / s).float().contiguous()


def augment(batch: torch.Tensor, generator: torch.Generator, padding: int = 2) -> torch.Tensor:
    n, c, h, w = batch.shape
    shift = torch.randint(0, 2 * padding + 1, (2, n), generator=generator)
    mirror = torch.rand(n, generator=generator) < 0.5
    padded = F.pad(batch, (padding, padding, padding, padding), value=0.0)
    row_index = shift[0][:, None] + torch.arange(h)
    rows = padded.gather(2, row_index[:, None, :, None].expand(n, c, h, w + 2 * padding))
    columns = torch.arange(w).repeat(n, 1)
    columns[mirror] = columns[mirror].flip(1)
    column_index = shift[1][:, None] + columns
    return rows.gather(3, column_index[:, None, None, :].expand(n, c, h, w))


def train(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    config: TrainConfig,
    *,
    device: str | torch.device = "cpu",
    on_epoch: Callable[[int, dict[str, float]], None] | None = None,
) -> list[dict[str, float]]:
    if len(images) != len(labels):
        raise ValueError(f"the lengths differ: {len(images)} images, {len(labels)} labels")
    if len(images) != len(labels):
        raise ValueError(f"{len(images)} images but {len(labels)} labels")
    generator = torch.Generator()
    generator.manual_seed(config.seed)
    torch.manual_seed(config.seed)
    model = model.to(device).to(memory_format=torch.channels_last)
    model.train()
    n = images.shape[0]
    batches = (n + config.batch_size - 1) // config.batch_size
    opt = torch.optim.AdamW(model.parameters(), lr=config.lr, weight_decay=config.weight_decay)
    sched = torch.optim.lr_scheduler.OneCycleLR(
        opt, max_lr=config.lr, total_steps=config.epochs * batches, pct_start=0.25
    )
    out: list[dict[str, float]] = []
    for epoch in range(1, config.epochs + 1):
        total = torch.zeros(())
        right = 0
        lr_used = 0.0
        for index in torch.split(torch.randperm(n, generator=generator), config.batch_size):
            xb = images[index]
            if config.augment:
                xb = augment(xb, generator)
            xb = xb.to(device).contiguous(memory_format=torch.channels_last)
            yb = labels[index].to(device)
            logits = model(xb)
            loss = F.cross_entropy(logits, yb, label_smoothing=config.label_smoothing)
            right += int((logits.argmax(1) == yb).sum())
            opt.zero_grad()
            loss.backward()
            lr_used = opt.param_groups[0]["lr"]
            opt.step()
            sched.step()
            total += loss.detach().cpu() * len(index)
        out.append({"epoch": epoch, "loss": float(total) / n, "accuracy": right / n, "lr": lr_used})
        if on_epoch is not None:
            on_epoch(epoch, out[-1])
    return out


def predict_proba(
    model: nn.Module,
    images: torch.Tensor,
    *,
    batch_size: int = 1024,
    device: str | torch.device = "cpu",
) -> torch.Tensor:
    model.eval()
    with torch.no_grad():
        logits = [
            model(images[i : i + batch_size].to(device)) for i in range(0, len(images), batch_size)
        ]
        return F.softmax(torch.cat(logits), dim=1).cpu()


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    t, p = np.ravel(y_true), np.ravel(y_pred)
    if len(t) != len(p):
        raise ValueError(f"{len(t)} labels and {len(p)} predictions: the lengths differ")
    for values in (t, p):
        if len(values) and (values.min() < 0 or values.max() > num_classes - 1):
            raise ValueError(f"a label is outside 0..{num_classes - 1} (num_classes={num_classes})")
    counts, _, _ = np.histogram2d(t, p, bins=num_classes, range=[[0, num_classes]] * 2)
    return counts.astype(np.int64)


def per_class_accuracy(matrix: np.ndarray) -> np.ndarray:
    m = np.asarray(matrix, dtype=np.float64)
    with np.errstate(invalid="ignore"):
        return np.diag(m) / m.sum(axis=1)  # 0 / 0 is NaN: a class without images


def most_confident_mistakes(
    proba: torch.Tensor | np.ndarray, y_true: torch.Tensor | np.ndarray, k: int = 16
) -> np.ndarray:
    p = np.asarray(proba, dtype=np.float64)
    y = np.asarray(y_true)
    index = np.arange(len(p))
    order = np.lexsort((index, -p.max(axis=1)))
    wrong = order[p.argmax(axis=1)[order] != y[order]]
    return wrong[:k]
