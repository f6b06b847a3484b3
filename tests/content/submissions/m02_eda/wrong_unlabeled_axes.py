"""Wrong: no axis labels (a title only).

Fails: histogram_of_numeric
Says: has no label
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
        counts = series.value_counts().head(max_categories)
        ax.bar([str(c) for c in counts.index], counts.to_numpy())
    ax.set_title(f"Distribution of {series.name}")
    return fig
