"""Wrong: max_categories ignored: every category gets a bar.

Fails: bars_of_categories
Says: most frequent
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from tests.content.submissions.m02_eda.reference import *


def plot_distribution(series, bins=20, max_categories=10):
    fig, ax = plt.subplots()
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        ax.hist(series.dropna(), bins=bins)
    else:
        counts = series.value_counts()
        ax.bar([str(c) for c in counts.index], counts.to_numpy())
    ax.set(xlabel=series.name, ylabel="count", title=f"{series.name}")
    return fig
