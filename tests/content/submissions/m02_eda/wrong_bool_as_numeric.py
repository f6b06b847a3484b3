"""Wrong: a bool column is drawn as a histogram (bool is numeric to pandas).

Fails: bars_of_categories
Says: is_bool_dtype
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from tests.content.submissions.m02_eda.reference import *


def plot_distribution(series, bins=20, max_categories=10):
    fig, ax = plt.subplots()
    if pd.api.types.is_numeric_dtype(series):
        ax.hist(series.dropna().astype(float), bins=bins)
    else:
        counts = series.value_counts().head(max_categories)
        ax.bar([str(c) for c in counts.index], counts.to_numpy())
    ax.set(xlabel=series.name, ylabel="count", title=f"{series.name}")
    return fig
