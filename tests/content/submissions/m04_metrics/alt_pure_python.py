"""Correct: plain Python loops and dicts; NumPy only for the returned matrix and indices."""

from __future__ import annotations

import random

import numpy as np


def _pair(y_true, y_pred):
    t, p = list(y_true), list(y_pred)
    if len(t) != len(p):
        raise ValueError(f"y_true has {len(t)} labels, y_pred has {len(p)}")
    if not t:
        raise ValueError("nothing to score: no labels")
    for name, labels in (("y_true", t), ("y_pred", p)):
        if any(isinstance(label, list | tuple) or np.ndim(label) for label in labels):
            raise ValueError(f"{name} must be a flat (1-D) sequence of labels")
    return t, p


def accuracy(y_true, y_pred):
    t, p = _pair(y_true, y_pred)
    return sum(1 for a, b in zip(t, p, strict=True) if a == b) / len(t)


def _counts(y_true, y_pred, pos_label):
    t, p = _pair(y_true, y_pred)
    if pos_label not in t and pos_label not in p and len(set(t) | set(p)) >= 2:
        raise ValueError(f"pos_label={pos_label!r} is not a label")
    tp = fp = fn = 0
    for a, b in zip(t, p, strict=True):
        if b == pos_label:
            if a == pos_label:
                tp += 1
            else:
                fp += 1
        elif a == pos_label:
            fn += 1
    return tp, fp, fn


def precision(y_true, y_pred, pos_label=1):
    tp, fp, _ = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fp) if tp + fp else 0.0


def recall(y_true, y_pred, pos_label=1):
    tp, _, fn = _counts(y_true, y_pred, pos_label)
    return tp / (tp + fn) if tp + fn else 0.0


def f1(y_true, y_pred, pos_label=1):
    p = precision(y_true, y_pred, pos_label)
    r = recall(y_true, y_pred, pos_label)
    return 2 * p * r / (p + r) if p + r else 0.0


def confusion_matrix(y_true, y_pred, labels=None):
    t, p = _pair(y_true, y_pred)
    if labels is None:
        labels = sorted(set(t) | set(p))
    elif len(labels) == 0:
        raise ValueError("labels is empty")
    elif any(isinstance(label, list | tuple) for label in labels):
        raise ValueError("labels must be a flat (1-D) sequence")
    index = {label: i for i, label in enumerate(labels)}
    if len(index) != len(labels):
        raise ValueError("labels lists a label twice")
    matrix = np.zeros((len(labels), len(labels)), dtype=int)
    for a, b in zip(t, p, strict=True):
        if a in index and b in index:
            matrix[index[a], index[b]] += 1
    return matrix


def kfold(n_samples, n_splits=5, shuffle=False, random_state=None):
    if not 2 <= n_splits <= n_samples:
        raise ValueError("n_splits must be between 2 and n_samples")
    order = list(range(n_samples))
    if shuffle:
        random.Random(random_state).shuffle(order)
    base, extra = divmod(n_samples, n_splits)
    splits, start = [], 0
    for i in range(n_splits):
        stop = start + base + (1 if i < extra else 0)
        test = order[start:stop]
        train = order[:start] + order[stop:]
        splits.append((np.array(train, dtype=int), np.array(test, dtype=int)))
        start = stop
    return splits
