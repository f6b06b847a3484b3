"""Wrong: draws on plt.gca(), so every call draws on the same figure.

Fails: histogram_of_numeric
Says: same Figure twice
"""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd
from tests.content.submissions.m02_eda.reference import *


def plot_distribution(series, bins=20, max_categories=10):
    ax = plt.gca()
    if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
        ax.hist(series.dropna(), bins=bins)
    else:
        counts = series.value_counts().head(max_categories)
        ax.bar([str(c) for c in counts.index], counts.to_numpy())
    ax.set(xlabel=series.name, ylabel="count", title=f"{series.name}")
    return ax.figure
