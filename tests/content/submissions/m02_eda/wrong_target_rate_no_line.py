"""Wrong: no reference line at the overall rate.

Fails: target_rate_plot
Says: no horizontal reference line
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from tests.content.submissions.m02_eda.reference import *


def plot_target_rate(df, column, target):
    fig, ax = plt.subplots()
    rates = df.groupby(column)[target].mean()
    ax.bar([str(c) for c in rates.index], rates.to_numpy())
    ax.set(xlabel=column, ylabel=f"{target} rate", title=f"{target} by {column}")
    return fig
