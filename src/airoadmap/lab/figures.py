"""Figures for comparing classifiers: confusion matrices, ROC and precision-recall curves.

Every function draws with matplotlib's Agg backend (no display needed), saves one PNG and
closes its figure. Inputs are plain arrays, so the same functions serve every project.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

DPI = 120


def pyplot() -> Any:
    """matplotlib.pyplot on the Agg backend (files only, no display), imported on first use."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def confusion_matrices(
    predictions: Mapping[str, tuple[Any, Any]],
    path: Path,
    *,
    labels: Sequence[Any],
    display_labels: Sequence[str],
    title: str,
) -> Path:
    """One confusion matrix per model (name -> (y_true, y_pred)), counts and row shares.

    Rows are the true class, columns the predicted one; each cell shows the count and the
    share of its row (the recall of that class on the diagonal).
    """
    from sklearn.metrics import confusion_matrix

    plt = pyplot()
    n = len(predictions)
    cols = min(n, 2)
    rows = math.ceil(n / cols)
    fig, axes = plt.subplots(rows, cols, figsize=(4.2 * cols, 3.8 * rows), squeeze=False)
    for ax, (name, (y_true, y_pred)) in zip(axes.flat, predictions.items(), strict=False):
        matrix = confusion_matrix(y_true, y_pred, labels=list(labels))
        shares = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
        ax.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0)
        for i in range(matrix.shape[0]):
            for j in range(matrix.shape[1]):
                colour = "white" if shares[i, j] > 0.6 else "black"
                ax.text(
                    j,
                    i,
                    f"{matrix[i, j]}\n{shares[i, j]:.1%}",
                    ha="center",
                    va="center",
                    color=colour,
                    fontsize=11,
                )
        ticks = np.arange(len(labels))
        ax.set_xticks(ticks, display_labels)
        ax.set_yticks(ticks, display_labels)
        ax.set_xlabel("predicted")
        ax.set_ylabel("true")
        ax.set_title(name, fontsize=11)
    for ax in axes.flat[n:]:
        ax.axis("off")
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def roc_curves(curves: Mapping[str, tuple[Any, Any]], path: Path, *, title: str) -> Path:
    """ROC curves (name -> (is_positive, score)), with each model's AUC in the legend."""
    from sklearn.metrics import roc_auc_score, roc_curve

    plt = pyplot()
    fig, ax = plt.subplots(figsize=(6, 5.2))
    for name, (positive, score) in curves.items():
        fpr, tpr, _ = roc_curve(positive, score)
        ax.plot(fpr, tpr, label=f"{name} (AUC {roc_auc_score(positive, score):.3f})")
    ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="chance")
    ax.set_xlabel("false positive rate")
    ax.set_ylabel("true positive rate (recall)")
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1.01)
    ax.set_title(title)
    ax.legend(loc="lower right", fontsize=9)
    ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def precision_recall_curves(
    curves: Mapping[str, tuple[Any, Any, Any]],
    path: Path,
    *,
    title: str,
    zoom: float | None = None,
) -> Path:
    """Precision-recall curves (name -> (is_positive, score, is_predicted_positive)).

    Each curve carries a dot at the model's own operating point (what `predict` says), and
    the legend gives the average precision; the dashed line is the positive share, what a
    model without skill reaches. `zoom` adds a second panel showing recall and precision
    from `zoom` to 1, where good models differ.
    """
    from sklearn.metrics import average_precision_score, precision_recall_curve

    plt = pyplot()
    panels = 2 if zoom is not None else 1
    fig, axes = plt.subplots(1, panels, figsize=(6 * panels, 5.2), squeeze=False)
    base = 0.0
    for name, (positive, score, predicted) in curves.items():
        positive = np.asarray(positive, dtype=bool)
        predicted = np.asarray(predicted, dtype=bool)
        precision, recall, _ = precision_recall_curve(positive, score)
        ap = average_precision_score(positive, score)
        hits = int((positive & predicted).sum())
        point = (hits / max(int(positive.sum()), 1), hits / max(int(predicted.sum()), 1))
        for k, ax in enumerate(axes[0]):
            (line,) = ax.plot(recall, precision, label=f"{name} (AP {ap:.3f})" if k == 0 else None)
            ax.plot(*point, "o", color=line.get_color(), markersize=6)
        base = float(positive.mean())
    for k, ax in enumerate(axes[0]):
        low = 0.0 if k == 0 or zoom is None else zoom
        if k == 0:
            ax.axhline(
                base, color="grey", linestyle="--", linewidth=1, label=f"no skill ({base:.3f})"
            )
            ax.legend(loc="lower left", fontsize=9, title="dot: predict()", title_fontsize=8)
            ax.set_title(title)
        else:
            ax.set_title(f"zoom: recall and precision from {zoom:g}")
        ax.set_xlabel("recall")
        ax.set_ylabel("precision")
        ax.set_xlim(low, 1.005)
        ax.set_ylim(low, 1.005 if low else 1.02)
        ax.grid(alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
