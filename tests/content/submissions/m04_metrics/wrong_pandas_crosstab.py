"""Wrong: the confusion matrix is pandas' crosstab (the brief asks for plain Python and NumPy).

Fails: from_scratch
Says: pandas
"""

from __future__ import annotations

import pandas as pd
from tests.content.submissions.m04_metrics.alt_pure_python import *


def confusion_matrix(y_true, y_pred, labels=None):
    t, p = pd.Series(list(y_true)), pd.Series(list(y_pred))
    if labels is None:
        labels = sorted(set(t) | set(p))
    table = pd.crosstab(t, p).reindex(index=labels, columns=labels, fill_value=0)
    return table.to_numpy().astype(int)
