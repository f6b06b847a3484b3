"""Wrong: every metric is scikit-learn's (the brief asks for plain Python and NumPy).

Fails: from_scratch
Says: sklearn, plain Python and NumPy
"""

from __future__ import annotations

import numpy as np
from sklearn import metrics as _sk
from sklearn.model_selection import KFold


def accuracy(y_true, y_pred):
    return float(_sk.accuracy_score(y_true, y_pred))


def precision(y_true, y_pred, pos_label=1):
    return float(_sk.precision_score(y_true, y_pred, labels=[pos_label], average=None,
                                     zero_division=0)[0])


def recall(y_true, y_pred, pos_label=1):
    return float(_sk.recall_score(y_true, y_pred, labels=[pos_label], average=None,
                                  zero_division=0)[0])


def f1(y_true, y_pred, pos_label=1):
    return float(_sk.f1_score(y_true, y_pred, labels=[pos_label], average=None,
                              zero_division=0)[0])


def confusion_matrix(y_true, y_pred, labels=None):
    return _sk.confusion_matrix(y_true, y_pred, labels=labels)


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    folds = KFold(n_splits, shuffle=shuffle, random_state=random_state)
    return list(folds.split(np.zeros((n_samples, 1))))
