"""Correct: counts pairs with collections.Counter; F1 from the counts; kfold by fold sizes."""

from __future__ import annotations

from collections import Counter

import numpy as np


def _pairs(y_true, y_pred):
    t, p = np.asarray(y_true), np.asarray(y_pred)
    if t.ndim != 1 or p.ndim != 1:
        raise ValueError(f"expected 1-D label arrays, got shapes {t.shape} and {p.shape}")
    if len(t) != len(p):
        raise ValueError("y_true and y_pred must have the same length")
    if len(t) == 0:
        raise ValueError("no labels: y_true and y_pred are empty")
    t, p = t.tolist(), p.tolist()
    return Counter(zip(t, p, strict=True)), set(t) | set(p)


def accuracy(y_true, y_pred):
    pairs, _ = _pairs(y_true, y_pred)
    total = sum(pairs.values())
    return sum(n for (t, p), n in pairs.items() if t == p) / total


def _counts(y_true, y_pred, pos_label):
    pairs, present = _pairs(y_true, y_pred)
    if len(present) > 1 and not any(label == pos_label for label in present):
        raise ValueError(f"pos_label {pos_label!r} is not among {sorted(present)}")
    tp = sum(n for (t, p), n in pairs.items() if t == pos_label and p == pos_label)
    fp = sum(n for (t, p), n in pairs.items() if t != pos_label and p == pos_label)
    fn = sum(n for (t, p), n in pairs.items() if t == pos_label and p != pos_label)
    return tp, fp, fn


def precision(y_true, y_pred, pos_label=1):
    tp, fp, _ = _counts(y_true, y_pred, pos_label)
    return 0.0 if tp + fp == 0 else tp / (tp + fp)


def recall(y_true, y_pred, pos_label=1):
    tp, _, fn = _counts(y_true, y_pred, pos_label)
    return 0.0 if tp + fn == 0 else tp / (tp + fn)


def f1(y_true, y_pred, pos_label=1):
    tp, fp, fn = _counts(y_true, y_pred, pos_label)
    return 0.0 if tp == 0 else 2 * tp / (2 * tp + fp + fn)


def confusion_matrix(y_true, y_pred, labels=None):
    pairs, present = _pairs(y_true, y_pred)
    if labels is None:
        labels = sorted(present)
    else:
        labels = np.asarray(labels).tolist()
        if not labels or any(isinstance(label, list) for label in labels):
            raise ValueError("labels must be a non-empty flat list")
        if len(set(labels)) < len(labels):
            raise ValueError(f"labels has duplicates: {labels}")
    return np.array([[pairs[(t, p)] for p in labels] for t in labels], dtype=np.int64)


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if n_splits < 2 or n_splits > n_samples:
        raise ValueError(f"need 2 <= n_splits <= n_samples, got {n_splits}")
    order = np.arange(n_samples)
    if shuffle:
        order = np.random.default_rng(random_state).permutation(n_samples)
    sizes = np.full(n_splits, n_samples // n_splits)
    sizes[: n_samples % n_splits] += 1
    ends = np.cumsum(sizes)
    return [
        (np.concatenate([order[: end - size], order[end:]]), order[end - size : end])
        for size, end in zip(sizes, ends, strict=True)
    ]
