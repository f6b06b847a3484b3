"""Figures of a detection run: the learning curve, boxes on held-out scenes, and the
precision-recall curves pycocotools computes.

Each function draws with matplotlib's Agg backend, saves one PNG and closes its figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from airoadmap.lab.figures import DPI, pyplot

COLOURS = ("tab:orange", "tab:cyan", "tab:pink")


def learning_curve(
    losses: Sequence[float], validation_map50: Sequence[float], path: Path, *, title: str
) -> Path:
    """The mean training loss of each epoch (left) and the mAP@0.5 on the validation scenes
    after it (right)."""
    plt = pyplot()
    epochs = np.arange(1, len(losses) + 1)
    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
    left.plot(epochs, losses, "o-")
    left.set_xlabel("epoch")
    left.set_ylabel("mean training loss")
    left.set_yscale("log")
    right.plot(epochs, validation_map50, "s-", color="tab:green")
    right.set_xlabel("epoch")
    right.set_ylabel("validation mAP@0.5")
    right.set_ylim(0, 1.02)
    for ax in (left, right):
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def detections(
    images: np.ndarray,
    truths: Sequence[dict[str, Any]],
    found: Sequence[dict[str, Any]],
    classes: Sequence[str],
    path: Path,
    *,
    min_score: float,
    title: str,
) -> Path:
    """Held-out scenes in a grid of 4 columns: the ground truth boxes dashed white, the
    detections scoring at least `min_score` in their class's colour with label and score."""
    from matplotlib.patches import Rectangle

    plt = pyplot()
    rows = -(-len(images) // 4)
    fig, axes = plt.subplots(rows, 4, figsize=(10, 2.7 * rows), squeeze=False)
    for ax in axes.ravel():
        ax.axis("off")
    for ax, image, truth, result in zip(axes.ravel(), images, truths, found, strict=False):
        ax.imshow(np.asarray(image).squeeze(), cmap="gray", vmin=0, vmax=1)
        for x1, y1, x2, y2 in truth["boxes"]:
            ax.add_patch(
                Rectangle((x1 - 0.5, y1 - 0.5), x2 - x1, y2 - y1, fill=False, ec="white", ls="--")
            )
        for (x1, y1, x2, y2), score, label in zip(
            result["boxes"], result["scores"], result["labels"], strict=True
        ):
            if score < min_score:
                continue
            colour = COLOURS[int(label) % len(COLOURS)]
            ax.add_patch(Rectangle((x1 - 0.5, y1 - 0.5), x2 - x1, y2 - y1, fill=False, ec=colour))
            ax.text(
                x1 - 0.5, y1 - 1, f"{classes[int(label)]} {score:.2f}", color=colour, fontsize=7
            )
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def precision_recall(
    recalls: np.ndarray,
    curves: dict[str, dict[str, np.ndarray]],
    path: Path,
    *,
    title: str,
) -> Path:
    """One panel per IoU threshold ("IoU 0.5" -> class -> precision at each recall level):
    the envelopes whose mean is each class's AP (in the legend)."""
    plt = pyplot()
    fig, axes = plt.subplots(1, len(curves), figsize=(5 * len(curves), 4.4), squeeze=False)
    for ax, (threshold, per_class) in zip(axes[0], curves.items(), strict=True):
        for n, (name, precision) in enumerate(per_class.items()):
            colour = COLOURS[n % len(COLOURS)]
            ax.plot(recalls, precision, color=colour, label=f"{name} (AP {precision.mean():.3f})")
        ax.set_xlabel("recall")
        ax.set_ylabel("precision (envelope)")
        ax.set_xlim(0, 1.01)
        ax.set_ylim(0, 1.02)
        ax.set_title(threshold)
        ax.grid(alpha=0.3)
        ax.legend(loc="lower left", fontsize=9)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
