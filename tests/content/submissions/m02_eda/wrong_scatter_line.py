"""Wrong: ax.plot with a line joins the points instead of scattering them.

Fails: scatter_plot
Says: ax.plot joins the points
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from tests.content.submissions.m02_eda.reference import *


def plot_scatter(df, x, y):
    fig, ax = plt.subplots()
    pairs = df[[x, y]].dropna()
    ax.plot(pairs[x], pairs[y])
    ax.set(xlabel=x, ylabel=y, title=f"{y} against {x}")
    return fig
