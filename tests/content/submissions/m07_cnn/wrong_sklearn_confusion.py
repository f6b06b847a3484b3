"""Wrong: the confusion matrix comes from scikit-learn, which the brief rules out (write it with
NumPy).

Fails: from_scratch
Says: sklearn
"""

from __future__ import annotations

import numpy as np
from sklearn.metrics import confusion_matrix as sklearn_confusion_matrix
from tests.content.submissions._solution import run_solution

run_solution("m07-cnn", globals())


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int) -> np.ndarray:
    return sklearn_confusion_matrix(y_true, y_pred, labels=list(range(num_classes)))
