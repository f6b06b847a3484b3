"""Classification metrics and k-fold splitting from scratch (m04-metrics).

Fill in every function marked "# TODO:". Use NumPy (or plain Python), not scikit-learn: the
checks compare your results with it. `airoadmap show m04-metrics` explains the task and the
math; `airoadmap check` grades your work; `airoadmap hint` helps when you are stuck.

Labels can be ints, bools or strings, given as lists, NumPy arrays or pandas Series. Precision,
recall and F1 treat `pos_label` as the positive class and every other label as negative.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def accuracy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Fraction of the predictions that equal the true label.

    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    # TODO: convert both inputs with np.asarray; raise ValueError if their lengths differ,
    # if they are empty or not 1-D (the brief's Errors list); return the fraction of
    # positions where they are equal, as a float.
    raise NotImplementedError("accuracy")


def precision(y_true: ArrayLike, y_pred: ArrayLike, pos_label: object = 1) -> float:
    """TP / (TP + FP): of the samples predicted `pos_label`, the fraction that truly are.

    Returns 0.0 when nothing is predicted `pos_label`. Raises ValueError if the lengths
    differ, or if `pos_label` occurs in neither array while they hold two labels or more.

    >>> precision(["ham", "spam", "spam"], ["spam", "spam", "ham"], pos_label="spam")
    0.5
    """
    # TODO: count TP (true and predicted pos_label) and FP (predicted pos_label, truly not).
    raise NotImplementedError("precision")


def recall(y_true: ArrayLike, y_pred: ArrayLike, pos_label: object = 1) -> float:
    """TP / (TP + FN): of the samples that truly are `pos_label`, the fraction predicted so.

    Returns 0.0 when no sample is truly `pos_label`. Errors as in `precision`.

    >>> recall([1, 1, 0, 1], [1, 0, 0, 1])
    0.6666666666666666
    """
    # TODO: count TP and FN (truly pos_label, predicted something else).
    raise NotImplementedError("recall")


def f1(y_true: ArrayLike, y_pred: ArrayLike, pos_label: object = 1) -> float:
    """Harmonic mean of precision and recall, 2 P R / (P + R); 0.0 when both are 0.

    >>> f1([1, 1, 0, 1], [1, 0, 0, 1])
    0.8
    """
    # TODO: combine precision and recall (or the counts TP, FP, FN directly).
    raise NotImplementedError("f1")


def confusion_matrix(
    y_true: ArrayLike, y_pred: ArrayLike, labels: ArrayLike | None = None
) -> NDArray[np.int64]:
    """Counts of (true, predicted) pairs: C[i, j] = samples of true labels[i] predicted labels[j].

    `labels` gives the rows and columns in order; by default, every label found in y_true or
    y_pred, sorted. Samples whose true or predicted label is not in `labels` are left out.

    >>> confusion_matrix(["cat", "dog", "dog"], ["cat", "cat", "dog"])
    array([[1, 0],
           [1, 1]])
    """
    # TODO: choose the labels (ValueError if `labels` is empty, not 1-D or holds a label
    # twice); map each label to its index; count the pairs into an integer array of shape
    # (n_labels, n_labels).
    raise NotImplementedError("confusion_matrix")


def kfold(
    n_samples: int, n_splits: int = 5, shuffle: bool = False, random_state: int | None = None
) -> list[tuple[NDArray[np.intp], NDArray[np.intp]]]:
    """(train_indices, test_indices) for each of `n_splits` folds of 0 .. n_samples - 1.

    Folds are consecutive blocks of the (optionally shuffled) indices; the first
    n_samples % n_splits folds hold one index more, as scikit-learn's KFold. Raises
    ValueError unless 2 <= n_splits <= n_samples.

    >>> [test.tolist() for _, test in kfold(5, n_splits=2)]
    [[0, 1, 2], [3, 4]]
    """
    # TODO: validate n_splits; shuffle np.arange(n_samples) with
    # np.random.default_rng(random_state) when asked; cut into folds; for each fold return
    # (every other index, the fold).
    raise NotImplementedError("kfold")
