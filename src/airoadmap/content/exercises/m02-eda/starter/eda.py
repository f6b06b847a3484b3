"""Exploratory data analysis: the statistics and the figures of an EDA report (m02-eda).

Fill in every function marked "# TODO:", one at a time, and run `airoadmap check m02-eda`
as you go: functions you have not started read NOT ATTEMPTED. `airoadmap show m02-eda`
explains the task; `airoadmap hint m02-eda` helps when you are stuck.

Use pandas, NumPy, scipy.stats and matplotlib. Every plotting function creates its own
figure (fig, ax = plt.subplots()), draws on it, and returns the Figure without showing it.
The checks read the returned figure: its bars, lines and points, its labels and its title.

Inputs called "array-like" may be lists, NumPy arrays or pandas Series; two of them are
paired position by position (the i-th value goes with the i-th group).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeAlias

import matplotlib.pyplot as plt  # noqa: F401  (you will draw with it)
import numpy as np
import pandas as pd
from matplotlib.figure import Figure
from scipy import stats  # noqa: F401  (you will test with it)

ArrayLike: TypeAlias = Sequence[Any] | np.ndarray | pd.Series

# -- statistics --------------------------------------------------------------------------------


def missing_summary(df: pd.DataFrame) -> pd.DataFrame:
    """Missing values per column: `n_missing` (int) and `pct_missing` (percent of all rows).

    Only columns with at least one missing value appear, indexed by column name, most missing
    first (ties keep the frame's column order). No missing value: an empty frame with the two
    columns.

    >>> missing_summary(pd.DataFrame({"a": [1, None, 3, None], "b": [1, 2, 3, 4]}))
       n_missing  pct_missing
    a          2         50.0
    """
    # TODO: count the missing values of each column (df.isna()), keep the columns with some,
    # sort, and return the two columns.
    raise NotImplementedError


def iqr_outliers(series: pd.Series, k: float = 1.5) -> pd.Series:
    """True where a value lies strictly outside [Q1 - k * IQR, Q3 + k * IQR] (Tukey's fences).

    Q1 and Q3 are the 25% and 75% quantiles as pandas computes them by default; IQR = Q3 - Q1.
    A missing value is never an outlier. The result is a bool Series with the series' index.
    """
    # TODO: compute the quartiles and the fences, and flag the values outside them.
    raise NotImplementedError


def cramers_v(x: ArrayLike, y: ArrayLike) -> float:
    """Cramér's V between two categorical variables: 0 = independent, 1 = fully associated.

    V = sqrt(chi2 / (n * (min(r, c) - 1))), with chi2 the chi-square statistic of the r x c
    contingency table (without Yates' correction) and n its total count. Pairs with a missing
    value are dropped. Raises ValueError when either variable has fewer than two categories.
    """
    # TODO: build the contingency table (pd.crosstab), get chi2, apply the formula.
    raise NotImplementedError


def two_group_test(
    values: ArrayLike, groups: ArrayLike, method: str = "welch"
) -> tuple[float, float]:
    """Compare `values` between the two groups of `groups`: (statistic, two-sided p-value).

    The groups are taken in sorted order: a = the values of the smaller label, b = the other.
    - method="welch": Welch's t-test of a against b (unequal variances);
    - method="mannwhitney": the Mann-Whitney U test, two-sided; the statistic is U of a.
    Rows with a missing value or a missing group are dropped. Raises ValueError unless there
    are exactly two groups, and for an unknown method. Both results are Python floats.
    """
    # TODO: drop missing pairs, split into a and b, run the test with scipy.stats.
    raise NotImplementedError


def group_rates(outcome: ArrayLike, groups: ArrayLike) -> pd.Series:
    """Mean of `outcome` (0/1: the rate of 1s) per group, indexed by group label, sorted.

    Rows with a missing outcome or group are dropped.

    >>> group_rates([1, 0, 1, 1], ["m", "m", "f", "f"])
    f    1.0
    m    0.5
    """
    # TODO: group the outcome by the groups and average.
    raise NotImplementedError


def disparity_ratio(outcome: ArrayLike, groups: ArrayLike) -> float:
    """Lowest group rate / highest group rate (1.0 = parity; under 0.8 fails the 4/5 rule).

    1.0 when every rate is 0. Raises ValueError with fewer than two groups.
    """
    # TODO: use group_rates and return the ratio.
    raise NotImplementedError


# -- figures -----------------------------------------------------------------------------------


def plot_distribution(series: pd.Series, bins: int = 20, max_categories: int = 10) -> Figure:
    """A histogram (numeric series, `bins` bins) or a bar chart of counts (any other series).

    Numeric (but not bool): a histogram of the non-missing values with `bins` bins.
    Otherwise: one bar per category with its count, for the `max_categories` most frequent
    categories; each bar labelled with its category (str of it), vertical or horizontal.
    Label the axis of the values with the series' name and the other axis (e.g. "count");
    give the plot a title.
    """
    # TODO: fig, ax = plt.subplots(); draw the histogram or the bars; label; return fig.
    raise NotImplementedError


def plot_missing(df: pd.DataFrame) -> Figure:
    """Bars: percent of rows missing (0-100), one bar per column that has missing values.

    Each bar is labelled with its column name; vertical or horizontal bars; the axis of the
    percentages says so ("%" or "percent" in its label); a title. A frame with no missing
    value gives a figure with a title and no bars.
    """
    # TODO: use missing_summary, then draw one bar per column.
    raise NotImplementedError


def plot_target_rate(df: pd.DataFrame, column: str, target: str) -> Figure:
    """Vertical bars: the mean of `target` per category of `column`, plus a reference line.

    One bar per category of `column` (missing values left out), labelled with the category
    (str of it); a horizontal line (ax.axhline) at the mean of `target` over all rows. x axis
    labelled with `column`, y axis with a label that names `target`; a title.
    """
    # TODO: groupby and mean, bars, axhline, labels; return fig.
    raise NotImplementedError


def plot_scatter(df: pd.DataFrame, x: str, y: str) -> Figure:
    """A scatter plot of `y` against `x`: one point per row where both are present.

    x axis labelled with `x`, y axis with `y`; a title.
    """
    # TODO: drop the rows with a missing x or y, ax.scatter, labels; return fig.
    raise NotImplementedError
