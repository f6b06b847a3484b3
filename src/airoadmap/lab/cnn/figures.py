"""Figures of a CNN run: training curves, the confusion matrix, the most confident mistakes.

Each function draws with matplotlib's Agg backend, saves one PNG and closes its figure.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from airoadmap.lab.figures import DPI


def _pyplot() -> Any:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def curves(history: Sequence[Mapping[str, float]], path: Path, *, title: str) -> Path:
    """Loss and accuracy per epoch: training loss and accuracy (over the epoch's augmented
    batches, as the model changed) and, where recorded, the test accuracy after the epoch."""
    plt = _pyplot()
    epochs = [int(h["epoch"]) for h in history]
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(epochs, [h["loss"] for h in history], "o-", label="training loss")
    left.set_xlabel("epoch")
    left.set_ylabel("cross-entropy (with label smoothing)")
    left.set_title("loss")
    right.plot(epochs, [h["accuracy"] for h in history], "o-", label="training batches")
    if all("test_accuracy" in h for h in history):
        tested = [h["test_accuracy"] for h in history]
        right.plot(epochs, tested, "s-", label="test set")
        right.annotate(
            f"{tested[-1]:.4f}",
            (epochs[-1], tested[-1]),
            textcoords="offset points",
            xytext=(-8, -14),
            ha="right",
        )
    right.set_xlabel("epoch")
    right.set_ylabel("accuracy")
    right.set_title("accuracy")
    for ax in (left, right):
        ax.grid(alpha=0.3)
        ax.legend(fontsize=9)
        ax.set_xticks(epochs)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def confusion(matrix: np.ndarray, classes: Sequence[str], path: Path, *, title: str) -> Path:
    """The confusion matrix (rows: true class, columns: predicted), coloured by the share of
    each row, with the counts written in the cells."""
    plt = _pyplot()
    matrix = np.asarray(matrix)
    shares = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    n = len(classes)
    fig, ax = plt.subplots(figsize=(1.0 + 0.75 * n, 0.8 + 0.7 * n))
    image = ax.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0)
    for i in range(n):
        for j in range(n):
            if matrix[i, j]:
                colour = "white" if shares[i, j] > 0.6 else "black"
                ax.text(j, i, str(matrix[i, j]), ha="center", va="center", color=colour, fontsize=8)
    ticks = np.arange(n)
    ax.set_xticks(ticks, list(classes), rotation=45, ha="right")
    ax.set_yticks(ticks, list(classes))
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    ax.set_title(title)
    fig.colorbar(image, ax=ax, fraction=0.046, pad=0.04, label="share of the true class")
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def mistakes_grid(
    images: np.ndarray,
    true: Sequence[int],
    predicted: Sequence[int],
    confidence: Sequence[float],
    classes: Sequence[str],
    path: Path,
    *,
    title: str,
) -> Path:
    """Images (uint8, (k, H, W) or (k, H, W, C)) in a grid of 4 columns, each captioned with
    its true class, the predicted one and the probability the model gave it."""
    plt = _pyplot()
    k = len(images)
    cols = 4
    rows = max(1, -(-k // cols))
    fig, axes = plt.subplots(rows, cols, figsize=(2.4 * cols, 2.6 * rows + 0.4), squeeze=False)
    for ax in axes.flat:
        ax.axis("off")
    for ax, image, t, p, c in zip(axes.flat, images, true, predicted, confidence, strict=False):
        grey = image.ndim == 2
        ax.imshow(image, cmap="gray" if grey else None, vmin=0, vmax=255, interpolation="nearest")
        ax.set_title(f"true: {classes[t]}\npredicted: {classes[p]} ({c:.0%})", fontsize=8)
    if k == 0:
        axes.flat[0].text(0.5, 0.5, "no mistakes", ha="center", va="center")
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
