"""Wrong: bars are the number of rows per category, not the target mean.

Fails: target_rate_plot
Says: the bars are counts
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from tests.content.submissions.m02_eda.reference import *


def plot_target_rate(df, column, target):
    fig, ax = plt.subplots()
    counts = df.groupby(column)[target].count()
    ax.bar([str(c) for c in counts.index], counts.to_numpy())
    ax.axhline(df[target].mean())
    ax.set(xlabel=column, ylabel=f"{target} rate", title=f"{target} by {column}")
    return fig
