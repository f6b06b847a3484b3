"""The pipeline's figures: one candidate's evaluation, and the comparison of tracked runs.

Drawn with matplotlib's Agg backend, saved as PNG, closed. Each candidate's figure is also
logged into its MLflow run.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.lab.figures import pyplot

DPI = 120


def evaluation(
    name: str,
    y_valid: Any,
    proba_valid: Any,
    pred_valid: Any,
    path: Path,
    *,
    metric: str,
    score: float,
) -> Path:
    """ROC curve and confusion matrix of one candidate on the validation rows."""
    from sklearn.metrics import confusion_matrix, roc_auc_score, roc_curve

    plt = pyplot()
    y = np.asarray(y_valid)
    fig, (roc_ax, cm_ax) = plt.subplots(1, 2, figsize=(10, 4.4))
    fpr, tpr, _ = roc_curve(y, proba_valid)
    roc_ax.plot(fpr, tpr, label=f"{name} (AUC {roc_auc_score(y, proba_valid):.3f})")
    roc_ax.plot([0, 1], [0, 1], color="grey", linestyle="--", linewidth=1, label="chance")
    roc_ax.set(
        xlim=(0, 1),
        ylim=(0, 1.01),
        xlabel="false positive rate",
        ylabel="true positive rate (recall)",
        title="ROC, validation rows",
    )
    roc_ax.legend(loc="lower right", fontsize=9)
    roc_ax.grid(alpha=0.3)

    matrix = confusion_matrix(y, pred_valid, labels=[0, 1])
    shares = matrix / np.maximum(matrix.sum(axis=1, keepdims=True), 1)
    cm_ax.imshow(shares, cmap="Blues", vmin=0.0, vmax=1.0)
    for i in range(2):
        for j in range(2):
            colour = "white" if shares[i, j] > 0.6 else "black"
            cm_ax.text(
                j,
                i,
                f"{matrix[i, j]}\n{shares[i, j]:.1%}",
                ha="center",
                va="center",
                color=colour,
                fontsize=11,
            )
    cm_ax.set_xticks([0, 1], ["0", "1"])
    cm_ax.set_yticks([0, 1], ["0", "1"])
    cm_ax.set(xlabel="predicted", ylabel="true", title=f"Confusion matrix ({len(y)} rows)")
    fig.suptitle(f"{name}: validation {metric} {score:.3f}")
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def comparison(
    table: pd.DataFrame, path: Path, *, metric: str, min_score: float, limit: int = 25
) -> Path:
    """The tracked runs' validation metric as bars, best on top; the champion marked."""
    plt = pyplot()
    shown = table.head(limit).iloc[::-1]
    key = f"valid_{metric}"
    labels = [
        f"{r.run} {r.run_id[:8]} (seed {r.seed}, {str(r.started)[:16]})"
        for r in shown.itertuples(index=False)
    ]
    colours = ["tab:orange" if champion else "tab:blue" for champion in shown["champion"]]
    fig, ax = plt.subplots(figsize=(9, 1.2 + 0.38 * len(shown)))
    bars = ax.barh(range(len(shown)), shown[key], color=colours)
    for bar, value in zip(bars, shown[key], strict=True):
        ax.text(
            bar.get_width(),
            bar.get_y() + bar.get_height() / 2,
            f" {value:.3f}",
            va="center",
            fontsize=9,
        )
    ax.set_yticks(range(len(shown)), labels, fontsize=9)
    values = shown[key].dropna()
    low = min(float(values.min()) if len(values) else 0.0, min_score or 1.0)
    ax.set_xlim(max(0.0, low - 0.05), min(1.0, float(values.max()) + 0.04) if len(values) else 1)
    note = "orange: the champion"
    if min_score > 0:
        ax.axvline(min_score, color="grey", linestyle="--", linewidth=1)
        note += f"; dashed: min_score {min_score:g}"
    ax.set_xlabel(f"{key} ({note})")
    more = f", best {limit} of {len(table)}" if len(table) > limit else ""
    ax.set_title(f"Tracked runs by validation {metric}{more}")
    ax.grid(axis="x", alpha=0.3)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
