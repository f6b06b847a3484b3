"""Wrong: drops missing values of x and y separately: the pairs shift.

Fails: scatter_plot
Says: drop incomplete rows together
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from tests.content.submissions.m02_eda.reference import *


def plot_scatter(df, x, y):
    fig, ax = plt.subplots()
    xs, ys = df[x].dropna().to_numpy(), df[y].dropna().to_numpy()
    n = min(len(xs), len(ys))
    ax.scatter(xs[:n], ys[:n])
    ax.set(xlabel=x, ylabel=y, title=f"{y} against {x}")
    return fig
