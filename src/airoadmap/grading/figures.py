"""Read what a matplotlib figure shows, for checks that judge a learner's plots.

A check calls the learner's plotting function, then inspects the returned `Figure` (its
artists, not its pixels): how many bars and with which values, which lines and points, the
labels and the title. Nothing is drawn, so it is fast and exact.

    from airoadmap.grading.figures import expect_figure

    summary = expect_figure(eda.plot_distribution(ages), call="plot_distribution(ages)")
    ax = summary.only_axes(call="plot_distribution(ages)")
    expect(len(ax.bars) == 20, f"{len(ax.bars)} bars, expected 20")
    expect(ax.xlabel != "", "label the x axis")

What counts as what:
- bars: the rectangles of `ax.bar`, `ax.barh` and `ax.hist` (their `BarContainer`s), with
  the orientation; `value` is the height of a vertical bar, the width of a horizontal one.
- lines: `Line2D`s drawn with a line style (`plot`, `axhline`, box plot whiskers...).
- points: markers without a line (`scatter`'s offsets, `plot(x, y, "o")`); a point with a
  missing (NaN) coordinate is not drawn, so not counted.
- images: heat maps (`imshow`, `pcolormesh`, `matshow`).
Colorbars are not counted as axes.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from airoadmap.grading.api import fail

__all__ = [
    "AxesSummary",
    "Bar",
    "FigureSummary",
    "Line",
    "expect_figure",
    "summarize_figure",
]


@dataclass(frozen=True)
class Bar:
    """One bar: where it stands on its category axis and how long it is."""

    position: float  # centre on the category axis (x for vertical bars, y for horizontal)
    value: float  # height of a vertical bar, width of a horizontal one (signed)
    start: float  # left edge (vertical) or bottom edge (horizontal) on the category axis
    size: float  # width of a vertical bar, height of a horizontal one
    orientation: str  # "vertical" or "horizontal"


@dataclass(frozen=True)
class Line:
    """One drawn line: its data (as floats where they are numbers) and legend label."""

    xs: tuple[float, ...]
    ys: tuple[float, ...]
    label: str

    @property
    def is_horizontal(self) -> bool:
        """A constant y, such as `ax.axhline(y)` draws."""
        return len(self.ys) >= 2 and len(set(self.ys)) == 1

    @property
    def is_vertical(self) -> bool:
        """A constant x, such as `ax.axvline(x)` draws."""
        return len(self.xs) >= 2 and len(set(self.xs)) == 1


@dataclass(frozen=True)
class AxesSummary:
    """What one Axes shows."""

    title: str
    xlabel: str
    ylabel: str
    bars: tuple[Bar, ...]
    lines: tuple[Line, ...]
    points: tuple[tuple[float, float], ...]
    images: int
    xticklabels: tuple[str, ...]
    yticklabels: tuple[str, ...]
    legend: tuple[str, ...]

    @property
    def orientation(self) -> str:
        """The bars' orientation ("vertical" or "horizontal"); "" when none or mixed."""
        kinds = {bar.orientation for bar in self.bars}
        return kinds.pop() if len(kinds) == 1 else ""

    @property
    def bar_values(self) -> tuple[float, ...]:
        """Bar lengths in the order of the category axis (left to right, bottom to top)."""
        return tuple(bar.value for bar in sorted(self.bars, key=lambda b: b.position))

    @property
    def value_label(self) -> str:
        """The label of the axis the bars' lengths are read on."""
        return self.xlabel if self.orientation == "horizontal" else self.ylabel

    @property
    def category_label(self) -> str:
        """The label of the axis the bars stand on."""
        return self.ylabel if self.orientation == "horizontal" else self.xlabel

    @property
    def category_ticklabels(self) -> tuple[str, ...]:
        """Tick labels of the axis the bars stand on (left to right, bottom to top)."""
        return self.yticklabels if self.orientation == "horizontal" else self.xticklabels

    @property
    def is_histogram(self) -> bool:
        """Bars of one orientation that touch: each starts where the previous one ends."""
        if not self.bars or not self.orientation:
            return False
        ordered = sorted(self.bars, key=lambda b: b.start)
        scale = max(abs(ordered[-1].start + ordered[-1].size - ordered[0].start), 1e-300)
        return all(
            abs(a.start + a.size - b.start) <= 1e-9 * scale for a, b in itertools.pairwise(ordered)
        )

    def describe(self) -> str:
        """A short account for a failure message: '3 bars, 1 line, no points'."""

        def count(n: int, word: str) -> str:
            return f"{n} {word}{'s' if n != 1 else ''}" if n else f"no {word}s"

        parts = [count(len(self.bars), "bar"), count(len(self.lines), "line")]
        parts.append(count(len(self.points), "point"))
        if self.images:
            parts.append(count(self.images, "image"))
        return ", ".join(parts)


@dataclass(frozen=True)
class FigureSummary:
    """What a figure shows: its axes (colorbars left out) and its overall title."""

    axes: tuple[AxesSummary, ...]
    suptitle: str

    def only_axes(self, *, call: str) -> AxesSummary:
        """The single Axes of a one-plot figure; fails (teaching) when there are none or more."""
        if len(self.axes) != 1:
            fail(
                f"{call} returned a figure with {len(self.axes)} axes, expected one plot. "
                "Create the figure and its one Axes with fig, ax = plt.subplots(), draw on ax, "
                "and return fig."
            )
        return self.axes[0]


def _floats(values: Any) -> tuple[float, ...]:
    import numpy as np

    try:
        array = np.asarray(values, dtype=float).ravel()
    except (TypeError, ValueError):
        return ()
    return tuple(float(v) for v in array)


def _bars(ax: Any) -> tuple[Bar, ...]:
    from matplotlib.container import BarContainer

    bars: list[Bar] = []
    for container in ax.containers:
        if not isinstance(container, BarContainer):
            continue
        horizontal = getattr(container, "orientation", "vertical") == "horizontal"
        for rect in container.patches:
            if not rect.get_visible():
                continue
            x, y = float(rect.get_x()), float(rect.get_y())
            w, h = float(rect.get_width()), float(rect.get_height())
            if horizontal:
                bars.append(Bar(y + h / 2, w, y, h, "horizontal"))
            else:
                bars.append(Bar(x + w / 2, h, x, w, "vertical"))
    return tuple(bars)


def _lines_and_markers(ax: Any) -> tuple[tuple[Line, ...], list[tuple[float, float]]]:
    lines: list[Line] = []
    points: list[tuple[float, float]] = []
    for line in ax.lines:
        if not line.get_visible():
            continue
        xs, ys = _floats(line.get_xdata()), _floats(line.get_ydata())
        style = line.get_linestyle()
        if style in ("None", "none", "", " "):
            if line.get_marker() not in (None, "None", "none", "", " "):
                points.extend(_finite(zip(xs, ys, strict=False)))
            continue
        label = str(line.get_label())
        lines.append(Line(xs, ys, "" if label.startswith("_") else label))
    return tuple(lines), points


def _finite(points: Iterable[tuple[float, float]]) -> list[tuple[float, float]]:
    """The points matplotlib draws: a NaN or infinite coordinate is skipped."""
    return [(x, y) for x, y in points if math.isfinite(x) and math.isfinite(y)]


def _scatter_points(ax: Any) -> list[tuple[float, float]]:
    import numpy as np
    from matplotlib.collections import PathCollection

    points: list[tuple[float, float]] = []
    for collection in ax.collections:
        if isinstance(collection, PathCollection) and collection.get_visible():
            offsets: Any = np.ma.filled(
                np.ma.asarray(collection.get_offsets(), dtype=float), np.nan
            )
            points.extend(_finite((float(x), float(y)) for x, y in offsets))
    return points


def _images(ax: Any) -> int:
    from matplotlib.collections import QuadMesh

    meshes = sum(isinstance(c, QuadMesh) for c in ax.collections)
    return len(ax.images) + meshes


def _ticklabels(labels: Any) -> tuple[str, ...]:
    return tuple(t.get_text() for t in labels if t.get_text() != "")


def _summarize_axes(ax: Any) -> AxesSummary:
    lines, points = _lines_and_markers(ax)
    legend = ax.get_legend()
    return AxesSummary(
        title=ax.get_title().strip(),
        xlabel=ax.get_xlabel().strip(),
        ylabel=ax.get_ylabel().strip(),
        bars=_bars(ax),
        lines=lines,
        points=tuple(points + _scatter_points(ax)),
        images=_images(ax),
        xticklabels=_ticklabels(ax.get_xticklabels()),
        yticklabels=_ticklabels(ax.get_yticklabels()),
        legend=tuple(t.get_text() for t in legend.get_texts()) if legend is not None else (),
    )


def summarize_figure(fig: Any) -> FigureSummary:
    """What `fig` shows, axis by axis (colorbar axes left out). Draws nothing."""
    axes = tuple(
        _summarize_axes(ax) for ax in fig.get_axes() if getattr(ax, "_colorbar", None) is None
    )
    suptitle = fig._suptitle.get_text().strip() if getattr(fig, "_suptitle", None) else ""
    return FigureSummary(axes=axes, suptitle=suptitle)


def expect_figure(obj: Any, *, call: str) -> FigureSummary:
    """Summarize a learner's returned figure; fails with a teaching message when it is not one."""
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    if obj is None:
        fail(
            f"{call} returned None, expected a matplotlib Figure. (Did you forget `return fig`? "
            "Create it with fig, ax = plt.subplots().)"
        )
    if isinstance(obj, Axes):
        fail(
            f"{call} returned an Axes, expected the Figure that holds it: return ax.figure "
            "(or the fig of fig, ax = plt.subplots())."
        )
    if not isinstance(obj, Figure):
        fail(
            f"{call} returned {type(obj).__name__}, expected a matplotlib Figure "
            "(fig, ax = plt.subplots(); ...; return fig)."
        )
    return summarize_figure(obj)
