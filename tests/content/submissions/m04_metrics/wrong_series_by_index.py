"""Wrong: reads the labels with y[i], which on a pandas Series looks up the index LABEL i, not
the i-th position: a Series with a shuffled index comes out reordered.

Fails: inputs_of_any_kind
Says: np.asarray
"""

from __future__ import annotations

import numpy as np


def _pair(y_true, y_pred):
    if len(y_true) != len(y_pred):
        raise ValueError("y_true and y_pred differ in length")
    t = np.array([y_true[i] for i in range(len(y_true))])
    p = np.array([y_pred[i] for i in range(len(y_pred))])
    return t, p


def accuracy(y_true, y_pred):
    t, p = _pair(y_true, y_pred)
    return float((t == p).mean())


def _counts(y_true, y_pred, pos_label):
    t, p = _pair(y_true, y_pred)
    is_t, is_p = t == pos_label, p == pos_label
    if not (is_t.any() or is_p.any()) and len(set(t.tolist()) | set(p.tolist())) >= 2:
        raise ValueError(f"pos_label={pos_label!r} is not a label")
    tp = int((is_t & is_p).sum())
    fp = int((~is_t & is_p).sum())
    fn = int((is_t & ~is_p).sum())
    return tp, fp, fn


def precision(y_true, y_pred, pos_label=1):
    tp, fp, _ = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fp) if tp + fp else 0.0


def recall(y_true, y_pred, pos_label=1):
    tp, _, fn = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fn) if tp + fn else 0.0


def f1(y_true, y_pred, pos_label=1):
    tp, fp, fn = _counts(y_true, y_pred, pos_label)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 0.0


def confusion_matrix(y_true, y_pred, labels=None):
    t, p = _pair(y_true, y_pred)
    if labels is None:
        labels = sorted(set(t.tolist()) | set(p.tolist()))
    where = {label: i for i, label in enumerate(labels)}
    table = np.zeros((len(labels), len(labels)), dtype=int)
    for a, b in zip(t.tolist(), p.tolist(), strict=True):
        if a in where and b in where:
            table[where[a], where[b]] += 1
    return table


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if not 2 <= n_splits <= n_samples:
        raise ValueError("n_splits must be between 2 and n_samples")
    idx = np.arange(n_samples)
    if shuffle:
        idx = np.random.default_rng(random_state).permutation(n_samples)
    folds = np.array_split(idx, n_splits)
    return [(np.setdiff1d(idx, f), f) for f in folds]
