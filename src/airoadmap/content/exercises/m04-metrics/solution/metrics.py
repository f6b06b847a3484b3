"""Classification metrics and k-fold splitting from scratch in NumPy (m04-metrics).

Every metric compares two sequences of labels of the same length: the true ones and the
predicted ones. Labels can be any comparable values (ints, bools, strings); precision, recall
and F1 look at one label, `pos_label`, as "the positive class" and at every other label as
"negative" (one-vs-rest, so they work for more than two classes too).

Why it is right:
- Inputs go through `np.asarray` first, so lists, arrays and pandas Series (whatever their
  index) are compared position by position, never aligned on an index.
- The four counts (TP, FP, FN, TN) come from boolean masks, one vectorised pass each, and
  every ratio whose denominator is 0 is defined as 0.0, scikit-learn's `zero_division=0`.
  F1 is computed from the counts, 2 TP / (2 TP + FP + FN), which equals the harmonic mean
  2 P R / (P + R) and needs no special case when P or R is 0.
- A `pos_label` that appears nowhere while the data hold two labels or more is a mistake
  (typically pos_label=1 with string labels) and raises, as in scikit-learn; with a single
  label it is a valid, if empty, question and the answer is 0.0.
- The confusion matrix maps each label to its row or column index with a binary search over
  the sorted labels and counts all pairs at once with `np.bincount` on row * k + column.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["accuracy", "confusion_matrix", "f1", "kfold", "precision", "recall"]

Labels = NDArray[np.generic]
IntArray = NDArray[np.intp]


def accuracy(y_true: ArrayLike, y_pred: ArrayLike) -> float:
    """Fraction of the predictions that equal the true label.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels (ints, bools or strings), compared position by position.

    Returns
    -------
    float
        In [0, 1]: 1.0 when every prediction is right.

    Examples
    --------
    >>> accuracy([0, 1, 1, 0], [0, 1, 0, 0])
    0.75
    """
    t, p = _as_pair(y_true=y_true, y_pred=y_pred)
    return float(np.count_nonzero(t == p) / t.size)


def precision(y_true: ArrayLike, y_pred: ArrayLike, pos_label: object = 1) -> float:
    """Of the samples predicted `pos_label`, the fraction that truly are: TP / (TP + FP).

    0.0 when nothing is predicted `pos_label` (TP + FP = 0), as scikit-learn's
    `precision_score(..., zero_division=0)`.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    pos_label : label, default 1
        The label counted as positive; every other label is negative.

    Raises
    ------
    ValueError
        If the lengths differ, or if `pos_label` occurs in neither array while they hold two
        labels or more (pass the right `pos_label`, e.g. "spam").

    Examples
    --------
    >>> precision(["ham", "spam", "spam"], ["spam", "spam", "ham"], pos_label="spam")
    0.5
    """
    tp, fp, _ = _positive_counts(y_true=y_true, y_pred=y_pred, pos_label=pos_label)
    return _ratio(tp, tp + fp)


def recall(y_true: ArrayLike, y_pred: ArrayLike, pos_label: object = 1) -> float:
    """Of the samples that truly are `pos_label`, the fraction predicted so: TP / (TP + FN).

    0.0 when no sample is truly `pos_label` (TP + FN = 0). Parameters and errors as in
    `precision`.

    Examples
    --------
    >>> recall([1, 1, 0, 1], [1, 0, 0, 1])
    0.6666666666666666
    """
    tp, _, fn = _positive_counts(y_true=y_true, y_pred=y_pred, pos_label=pos_label)
    return _ratio(tp, tp + fn)


def f1(y_true: ArrayLike, y_pred: ArrayLike, pos_label: object = 1) -> float:
    """Harmonic mean of precision and recall: 2 P R / (P + R) = 2 TP / (2 TP + FP + FN).

    0.0 when precision and recall are both 0. Parameters and errors as in `precision`.

    Examples
    --------
    >>> f1([1, 1, 0, 1], [1, 0, 0, 1])
    0.8
    """
    tp, fp, fn = _positive_counts(y_true=y_true, y_pred=y_pred, pos_label=pos_label)
    return _ratio(2 * tp, 2 * tp + fp + fn)


def confusion_matrix(
    y_true: ArrayLike, y_pred: ArrayLike, labels: ArrayLike | None = None
) -> NDArray[np.int64]:
    """Counts of (true label, predicted label) pairs: row = true, column = predicted.

    Parameters
    ----------
    y_true, y_pred : array-like of shape (n_samples,)
        True and predicted labels.
    labels : array-like of shape (n_labels,), optional
        The labels of the rows and columns, in this order. By default, every label that
        occurs in `y_true` or `y_pred`, sorted. Samples whose true or predicted label is not
        in `labels` are left out (as in scikit-learn).

    Returns
    -------
    ndarray of int64, shape (n_labels, n_labels)
        `C[i, j]` is the number of samples of true label `labels[i]` predicted `labels[j]`.

    Examples
    --------
    >>> confusion_matrix(["cat", "dog", "dog"], ["cat", "cat", "dog"])
    array([[1, 0],
           [1, 1]])
    """
    t, p = _as_pair(y_true=y_true, y_pred=y_pred)
    if labels is None:
        order: Labels = np.unique(np.concatenate([t, p]))  # sorted, no duplicates
    else:
        order = np.asarray(labels)
        if order.ndim != 1 or order.size == 0:
            raise ValueError(f"labels must be a non-empty 1-D sequence, got shape {order.shape}.")
        if np.unique(order).size != order.size:
            raise ValueError(f"labels holds duplicates: {order.tolist()}.")
    k = order.size
    rows, cols = _index_in(order, t), _index_in(order, p)
    kept = (rows >= 0) & (cols >= 0)
    counts = np.bincount(rows[kept] * k + cols[kept], minlength=k * k)
    return counts.reshape(k, k).astype(np.int64, copy=False)


def kfold(
    n_samples: int, n_splits: int = 5, shuffle: bool = False, random_state: int | None = None
) -> list[tuple[IntArray, IntArray]]:
    """Split the indices 0 .. n_samples - 1 into `n_splits` folds for cross-validation.

    Fold i is the test set of split i, and the other folds are its training set. Folds are
    consecutive blocks of the (optionally shuffled) indices; the first `n_samples % n_splits`
    folds hold one index more than the others, as scikit-learn's `KFold`.

    Parameters
    ----------
    n_samples : int
        Number of samples to split.
    n_splits : int, default 5
        Number of folds, at least 2 and at most `n_samples`.
    shuffle : bool, default False
        Shuffle the indices before cutting them into folds.
    random_state : int or None, default None
        Seed of the shuffle: the same seed gives the same folds.

    Returns
    -------
    list of (train, test) pairs of int arrays, sorted ascending
        Every index is in exactly one test set, and in the training set of every other split.

    Examples
    --------
    >>> [test.tolist() for _, test in kfold(5, n_splits=2)]
    [[0, 1, 2], [3, 4]]
    """
    n_samples, n_splits = int(n_samples), int(n_splits)
    if n_splits < 2:
        raise ValueError(f"n_splits must be at least 2, got {n_splits}.")
    if n_splits > n_samples:
        raise ValueError(f"n_splits={n_splits} is more than the {n_samples} samples to split.")
    indices = np.arange(n_samples)
    if shuffle:
        indices = np.random.default_rng(random_state).permutation(n_samples)
    splits = []
    for test in np.array_split(indices, n_splits):  # sizes as KFold: the first ones get +1
        in_test = np.zeros(n_samples, dtype=bool)
        in_test[test] = True
        splits.append((np.flatnonzero(~in_test), np.flatnonzero(in_test)))
    return splits


# --- helpers ---------------------------------------------------------------------------------


def _as_pair(*, y_true: ArrayLike, y_pred: ArrayLike) -> tuple[Labels, Labels]:
    """Both label sequences as 1-D arrays of the same length (positions, not indexes)."""
    t = np.asarray(y_true)
    p = np.asarray(y_pred)
    for name, arr in (("y_true", t), ("y_pred", p)):
        if arr.ndim != 1:
            raise ValueError(f"{name} must be 1-D of shape (n_samples,), got shape {arr.shape}.")
    if t.size != p.size:
        raise ValueError(f"y_true has {t.size} labels but y_pred has {p.size}: they must match.")
    if t.size == 0:
        raise ValueError("y_true and y_pred are empty: there is nothing to score.")
    return t, p


def _positive_counts(
    *, y_true: ArrayLike, y_pred: ArrayLike, pos_label: object
) -> tuple[int, ...]:
    """(TP, FP, FN) with `pos_label` as the positive class."""
    t, p = _as_pair(y_true=y_true, y_pred=y_pred)
    true_pos = t == pos_label
    pred_pos = p == pos_label
    if not (true_pos.any() or pred_pos.any()):
        present = np.unique(np.concatenate([t, p]))
        if present.size >= 2:
            raise ValueError(
                f"pos_label={pos_label!r} is not one of the labels {present.tolist()}: "
                "pass the positive class, e.g. pos_label=" + repr(present[-1].item()) + "."
            )
    tp = int(np.count_nonzero(true_pos & pred_pos))
    fp = int(np.count_nonzero(pred_pos & ~true_pos))
    fn = int(np.count_nonzero(true_pos & ~pred_pos))
    return tp, fp, fn


def _ratio(numerator: int, denominator: int) -> float:
    """numerator / denominator, and 0.0 when the denominator is 0 (zero_division=0)."""
    return numerator / denominator if denominator else 0.0


def _index_in(order: Labels, values: Labels) -> IntArray:
    """Position of each value in `order`, or -1 where it is not there (binary search)."""
    by_value = np.argsort(order, kind="stable")
    ranked = order[by_value]
    pos = np.searchsorted(ranked, values).clip(max=ranked.size - 1)
    found = ranked[pos] == values
    return np.where(found, by_value[pos], -1).astype(np.intp, copy=False)
