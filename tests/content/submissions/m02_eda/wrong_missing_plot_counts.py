"""Wrong: the missing plot shows counts, not percents.

Fails: missing_plot
Says: the bars are counts
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from tests.content.submissions.m02_eda.reference import *
from tests.content.submissions.m02_eda.reference import missing_summary


def plot_missing(df):
    fig, ax = plt.subplots()
    summary = missing_summary(df)
    ax.bar([str(c) for c in summary.index], summary["n_missing"])
    ax.set(xlabel="column", ylabel="% missing", title="Missing values")
    return fig
