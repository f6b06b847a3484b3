"""Correct: everything derived from a one-vs-rest 2 x 2 confusion matrix (NumPy, pandas-free)."""

from __future__ import annotations

import numpy as np


def _pair(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1:
        raise ValueError(f"y_true and y_pred must be 1-D, not of shapes {t.shape}, {p.shape}")
    if t.shape != p.shape:
        raise ValueError("y_true and y_pred differ in length")
    if t.size == 0:
        raise ValueError("y_true and y_pred are empty")
    return t, p


def confusion_matrix(y_true, y_pred, labels=None):
    t, p = _pair(y_true, y_pred)
    labels = np.unique(np.concatenate([t, p])) if labels is None else np.asarray(labels)
    if labels.ndim != 1 or labels.size == 0 or np.unique(labels).size < labels.size:
        raise ValueError(f"labels must be 1-D, not empty, and unique: got {labels.tolist()}")
    rows = t[:, None] == labels[None, :]  # (n, k) one-hot of the true label
    cols = p[:, None] == labels[None, :]
    return rows.T.astype(np.int64) @ cols.astype(np.int64)


def accuracy(y_true, y_pred):
    t, p = _pair(y_true, y_pred)
    c = confusion_matrix(t, p)
    return float(np.trace(c) / c.sum())


def _binary(y_true, y_pred, pos_label):
    t, p = _pair(y_true, y_pred)
    absent = not (np.any(t == pos_label) or np.any(p == pos_label))
    if absent and np.unique(np.concatenate([t, p])).size > 1:
        raise ValueError(f"pos_label={pos_label!r} not found")
    (_, fp), (fn, tp) = confusion_matrix(t == pos_label, p == pos_label, labels=[False, True])
    return tp, fp, fn


def precision(y_true, y_pred, pos_label=1):
    tp, fp, _ = _binary(y_true, y_pred, pos_label)
    return float(tp / (tp + fp)) if tp + fp > 0 else 0.0


def recall(y_true, y_pred, pos_label=1):
    tp, _, fn = _binary(y_true, y_pred, pos_label)
    return float(tp / (tp + fn)) if tp + fn > 0 else 0.0


def f1(y_true, y_pred, pos_label=1):
    tp, fp, fn = _binary(y_true, y_pred, pos_label)
    return float(2 * tp / (2 * tp + fp + fn)) if tp + fp + fn > 0 else 0.0


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if n_splits < 2 or n_splits > n_samples:
        raise ValueError("bad n_splits")
    idx = np.arange(n_samples)
    if shuffle:
        np.random.default_rng(random_state).shuffle(idx)
    folds = np.array_split(idx, n_splits)
    return [(np.concatenate(folds[:i] + folds[i + 1 :]), folds[i]) for i in range(n_splits)]
