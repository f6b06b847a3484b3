"""Correct, written differently: an nn.Module subclass, statistics and scaling in NumPy, a
loop over the images for the augmentation, a DataLoader over a TensorDataset, a cosine
schedule after a linear warm-up (LambdaLR), weight decay only on the weights of at least two
dimensions, label smoothing written by hand, and np.add.at for the confusion matrix."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, TensorDataset


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 3
    batch_size: int = 128
    lr: float = 0.02
    weight_decay: float = 0.05
    label_smoothing: float = 0.1
    augment: bool = False
    seed: int = 0


class SmallConvNet(nn.Module):
    def __init__(self, in_channels: int, num_classes: int) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, 16, 3, padding=1, bias=False)
        self.norm1 = nn.BatchNorm2d(16)
        self.conv2 = nn.Conv2d(16, 32, 3, padding=1, bias=False)
        self.norm2 = nn.BatchNorm2d(32)
        self.pool = nn.AdaptiveAvgPool2d((7, 7))
        self.drop = nn.Dropout(p=0.25)
        self.head = nn.Linear(32 * 49, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.relu(self.norm1(F.max_pool2d(self.conv1(x), 2)))
        x = F.relu(self.norm2(F.max_pool2d(self.conv2(x), 2)))
        return self.head(self.drop(torch.flatten(self.pool(x), 1)))


def make_model(in_channels: int = 1, num_classes: int = 10) -> nn.Module:
    return SmallConvNet(in_channels, num_classes)


def _channels_last_axis(images: np.ndarray) -> np.ndarray:
    images = np.asarray(images)
    if images.dtype != np.uint8:
        raise ValueError(f"normalize expects uint8 pixels (0-255), got {images.dtype}")
    if images.ndim not in (3, 4):
        raise ValueError(f"normalize expects a batch: shape (N, H, W[, C]), got {images.shape}")
    if images.ndim not in (3, 4):
        raise ValueError(f"normalize expects the shape (N, H, W) or (N, H, W, C): {images.shape}")
    return images[..., np.newaxis] if images.ndim == 3 else images


def channel_stats(images: np.ndarray) -> tuple[list[float], list[float]]:
    pixels = _channels_last_axis(images).astype(np.float64) / 255.0
    axes = (0, 1, 2)
    return list(pixels.mean(axis=axes)), list(pixels.std(axis=axes, ddof=1))


def normalize(
    images: np.ndarray,
    mean: Sequence[float] | None = None,
    std: Sequence[float] | None = None,
) -> torch.Tensor:
    if mean is None or std is None:
        mean, std = channel_stats(images)
    pixels = _channels_last_axis(images).astype(np.float32) / 255.0
    pixels = (pixels - np.asarray(mean, dtype=np.float32)) / np.asarray(std, dtype=np.float32)
    return torch.from_numpy(np.ascontiguousarray(pixels.transpose(0, 3, 1, 2)))


def augment(batch: torch.Tensor, generator: torch.Generator, padding: int = 2) -> torch.Tensor:
    n, _, h, w = batch.shape
    offsets = torch.randint(0, 2 * padding + 1, (n, 2), generator=generator)
    flips = torch.rand(n, generator=generator) < 0.5
    padded = F.pad(batch, [padding] * 4)
    out = torch.empty_like(batch)
    for i in range(n):
        top, left = int(offsets[i, 0]), int(offsets[i, 1])
        crop = padded[i, :, top : top + h, left : left + w]
        out[i] = torch.flip(crop, dims=[2]) if flips[i] else crop
    return out


def _smoothed_cross_entropy(logits: torch.Tensor, y: torch.Tensor, eps: float) -> torch.Tensor:
    log_p = F.log_softmax(logits, dim=1)
    k = logits.shape[1]
    target = torch.full_like(log_p, eps / k)
    target.scatter_(1, y[:, None], 1.0 - eps + eps / k)
    return -(target * log_p).sum(dim=1).mean()


def train(
    model: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    config: TrainConfig,
    *,
    device: str | torch.device = "cpu",
    on_epoch: Callable[[int, dict[str, float]], None] | None = None,
) -> list[dict[str, float]]:
    if images.shape[0] != labels.shape[0]:
        raise ValueError(f"{images.shape[0]} images but {labels.shape[0]} labels: lengths differ")
    torch.manual_seed(config.seed)
    gen = torch.Generator().manual_seed(config.seed)
    model.to(device, memory_format=torch.channels_last)
    decay = [p for p in model.parameters() if p.ndim >= 2]
    no_decay = [p for p in model.parameters() if p.ndim < 2]
    optimizer = torch.optim.AdamW(
        [
            {"params": decay, "weight_decay": config.weight_decay},
            {"params": no_decay, "weight_decay": 0.0},
        ],
        lr=config.lr,
    )
    loader = DataLoader(
        TensorDataset(images, labels), batch_size=config.batch_size, shuffle=True, generator=gen
    )
    total = config.epochs * len(loader)
    warmup = max(1, total // 5)

    def factor(step: int) -> float:
        if step < warmup:
            return (step + 1) / warmup
        return 0.5 * (1.0 + math.cos(math.pi * (step - warmup) / max(1, total - warmup)))

    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, factor)
    history = []
    for epoch in range(config.epochs):
        model.train()
        losses, sizes, hits = [], [], 0
        last_lr = config.lr
        for x, y in loader:
            if config.augment:
                x = augment(x, gen)
            x, y = x.to(device, memory_format=torch.channels_last), y.to(device)
            logits = model(x)
            loss = _smoothed_cross_entropy(logits, y, config.label_smoothing)
            hits += (logits.argmax(dim=1) == y).sum().item()
            optimizer.zero_grad()
            loss.backward()
            last_lr = optimizer.param_groups[0]["lr"]
            optimizer.step()
            schedule.step()
            losses.append(loss.item())
            sizes.append(len(y))
        record = {
            "epoch": epoch + 1,
            "loss": float(np.average(losses, weights=sizes)),
            "accuracy": hits / sum(sizes),
            "lr": float(last_lr),
        }
        history.append(record)
        if on_epoch:
            on_epoch(epoch + 1, record)
    return history


def predict_proba(
    model: nn.Module,
    images: torch.Tensor,
    *,
    batch_size: int = 1024,
    device: str | torch.device = "cpu",
) -> torch.Tensor:
    model.eval()
    out = []
    with torch.inference_mode():
        for chunk in torch.split(images, batch_size):
            out.append(torch.softmax(model(chunk.to(device)), dim=-1).to("cpu"))
    return torch.cat(out) if out else torch.empty(0)


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    t, p = np.asarray(y_true).astype(int), np.asarray(y_pred).astype(int)
    if t.shape != p.shape:
        raise ValueError(f"y_true and y_pred differ in length: {t.shape} vs {p.shape}")
    if ((t < 0) | (t >= num_classes) | (p < 0) | (p >= num_classes)).any():
        raise ValueError(f"labels must be in range 0..{num_classes - 1}")
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(matrix, (t, p), 1)
    return matrix


def per_class_accuracy(matrix: np.ndarray) -> np.ndarray:
    m = np.asarray(matrix, dtype=float)
    rows = m.sum(axis=1)
    return np.divide(np.diagonal(m), rows, out=np.full(len(m), np.nan), where=rows > 0)


def most_confident_mistakes(
    proba: torch.Tensor | np.ndarray, y_true: torch.Tensor | np.ndarray, k: int = 16
) -> np.ndarray:
    p = torch.as_tensor(proba)
    y = torch.as_tensor(y_true)
    confidence, predicted = p.max(dim=1)
    wrong = torch.nonzero(predicted != y).flatten()
    order = torch.argsort(confidence[wrong], descending=True, stable=True)
    return wrong[order][:k].numpy().astype(np.int64)
