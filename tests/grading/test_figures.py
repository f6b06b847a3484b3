"""airoadmap.grading.figures: what a figure shows, read from its artists."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")
import matplotlib.pyplot as plt

from airoadmap.grading.api import CheckFailed
from airoadmap.grading.figures import expect_figure, summarize_figure


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def one_axes() -> tuple[Any, Any]:
    return plt.subplots()


def test_vertical_bars_with_labels_and_title() -> None:
    fig, ax = one_axes()
    ax.bar(["first", "second", "third"], [0.62, 0.43, 0.26])
    ax.set(xlabel="pclass", ylabel="survival rate", title="Survival by class")
    s = summarize_figure(fig).only_axes(call="f()")
    assert len(s.bars) == 3
    assert s.orientation == "vertical"
    assert s.bar_values == pytest.approx((0.62, 0.43, 0.26))
    assert s.category_ticklabels == ("first", "second", "third")
    assert (s.category_label, s.value_label) == ("pclass", "survival rate")
    assert s.title == "Survival by class"
    assert not s.is_histogram  # bar() leaves gaps between the bars
    assert s.describe() == "3 bars, no lines, no points"


def test_horizontal_bars_read_along_y() -> None:
    fig, ax = one_axes()
    ax.barh(["fare", "age", "cabin"], [0.1, 20.1, 77.5])
    ax.set_xlabel("% missing")
    s = summarize_figure(fig).axes[0]
    assert s.orientation == "horizontal"
    assert s.bar_values == pytest.approx((0.1, 20.1, 77.5))  # bottom to top
    assert s.category_ticklabels == ("fare", "age", "cabin")
    assert s.value_label == "% missing"
    assert s.category_label == ""


def test_histogram_bars_touch() -> None:
    fig, ax = one_axes()
    counts, _, _ = ax.hist(np.arange(100.0), bins=7)
    s = summarize_figure(fig).axes[0]
    assert len(s.bars) == 7
    assert s.is_histogram
    assert sum(s.bar_values) == pytest.approx(counts.sum())


def test_lines_points_and_images() -> None:
    fig, (left, right) = plt.subplots(1, 2)
    left.plot([0, 1, 2], [1, 3, 2], label="loss")
    left.axhline(0.38)
    left.axvline(1.5)
    left.plot([5, 6], [7, 8], "o")  # markers only: points, not a line
    left.scatter([1.0, np.nan, 3.0], [2.0, 4.0, 6.0])  # NaN is not drawn
    left.legend()
    image = right.imshow(np.eye(3))
    fig.colorbar(image)
    fig.suptitle("Overview")
    summary = summarize_figure(fig)
    assert len(summary.axes) == 2  # the colorbar is not counted
    assert summary.suptitle == "Overview"
    s = summary.axes[0]
    assert len(s.lines) == 3
    assert [line.label for line in s.lines] == ["loss", "", ""]
    assert [line.is_horizontal for line in s.lines] == [False, True, False]
    assert [line.is_vertical for line in s.lines] == [False, False, True]
    assert s.lines[1].ys[0] == pytest.approx(0.38)
    assert sorted(s.points) == [(1.0, 2.0), (3.0, 6.0), (5.0, 7.0), (6.0, 8.0)]
    assert s.legend == ("loss",)
    assert summary.axes[1].images == 1
    with pytest.raises(CheckFailed, match="2 axes, expected one plot"):
        summary.only_axes(call="plot()")


def test_expect_figure_teaches_what_to_return() -> None:
    fig, ax = one_axes()
    assert expect_figure(fig, call="plot()").axes[0].bars == ()
    with pytest.raises(CheckFailed, match=r"returned None.*return fig"):
        expect_figure(None, call="plot()")
    with pytest.raises(CheckFailed, match=r"returned an Axes.*return ax.figure"):
        expect_figure(ax, call="plot()")
    with pytest.raises(CheckFailed, match="returned list, expected a matplotlib Figure"):
        expect_figure([fig], call="plot()")
