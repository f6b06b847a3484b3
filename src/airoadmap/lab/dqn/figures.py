"""Figures of a DQN run: the learning curve and the returns of the held-out greedy episodes.

Each function draws with matplotlib's Agg backend, saves one PNG and closes its figure.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from airoadmap.lab.figures import DPI, pyplot


def moving_average(values: Sequence[float], window: int) -> np.ndarray:
    """The mean of each value and the window - 1 before it (fewer at the start)."""
    data = np.asarray(values, dtype=float)
    sums = np.cumsum(np.concatenate([[0.0], data]))
    ends = np.arange(1, len(data) + 1)
    starts = np.maximum(ends - window, 0)
    means: np.ndarray = (sums[ends] - sums[starts]) / (ends - starts)
    return means


def learning_curve(
    episode_ends: Sequence[int],
    episode_returns: Sequence[float],
    evaluations: Sequence[tuple[int, float]],
    held_out: Sequence[float],
    path: Path,
    *,
    threshold: float,
    window: int,
    title: str,
) -> Path:
    """Left: the return of each training episode against the step it ended at, their moving
    average, the greedy evaluations during training, and the threshold. Right: the returns
    of the held-out greedy episodes played after training."""
    plt = pyplot()
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4), gridspec_kw={"width_ratios": [2.2, 1]})
    left.plot(episode_ends, episode_returns, ".", color="0.7", ms=3, label="training episode")
    if len(episode_returns):
        left.plot(
            episode_ends,
            moving_average(episode_returns, window),
            "-",
            label=f"mean of the last {window} episodes",
        )
    if evaluations:
        steps, means = zip(*evaluations, strict=True)
        left.plot(steps, means, "s-", ms=4, label="greedy evaluation (mean)")
    left.axhline(threshold, color="tab:red", ls="--", lw=1, label=f"solved ({threshold:g})")
    left.set_xlabel("training steps")
    left.set_ylabel("return (steps the pole stayed up)")
    left.set_title("learning")
    left.legend(fontsize=8, loc="upper left")
    right.hist(held_out, bins=np.linspace(0, max(500.0, max(held_out, default=0.0)), 26))
    right.axvline(threshold, color="tab:red", ls="--", lw=1)
    right.set_xlabel("return")
    right.set_ylabel("episodes")
    right.set_title(f"{len(held_out)} held-out greedy episodes: mean {np.mean(held_out):.1f}")
    for ax in (left, right):
        ax.grid(alpha=0.3)
    fig.suptitle(title)
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path
