"""Checks of m04-metrics: classification metrics and k-fold splits, judged against scikit-learn.

The reference is scikit-learn with `zero_division=0`: precision, recall and F1 of one label
(`labels=[pos_label], average=None`, which also covers more than two classes, one-vs-rest),
`confusion_matrix`, `accuracy_score` and `KFold`. Every case is made here, small enough to
read in a failure message. The checks judge results, not how they are computed: loops,
NumPy masks and counting with a dict all pass.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from types import ModuleType
from typing import Any

import numpy as np

from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    CheckFailed,
    Context,
    check,
    expect,
    expect_close,
    expect_raises,
    fail,
)

FUNCTIONS = ("accuracy", "precision", "recall", "f1", "confusion_matrix", "kfold")

# Scores are ratios of small integers: any correct computation is exact to the last bits.
RTOL = 1e-9

Labels = Sequence[Any]


# --- helpers -------------------------------------------------------------------------------


def _metrics(ctx: Context) -> ModuleType:
    module: ModuleType = ctx.load("metrics")
    missing = [name for name in FUNCTIONS if not callable(getattr(module, name, None))]
    if missing:
        fail(f"metrics.py defines no function {', '.join(missing)}: keep the names of the starter.")
    return module


def _sk() -> ModuleType:
    """scikit-learn's metrics module, the reference (imported on first use)."""
    try:
        from sklearn import metrics
    except ImportError as exc:
        raise GradingError(
            "m04-metrics is graded against scikit-learn, which is not installed: "
            "pip install 'airoadmap[lab]'."
        ) from exc
    return metrics


@contextmanager
def _quiet() -> Iterator[None]:
    """No warning floods: scikit-learn's own, and a learner's division by zero (checked)."""
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _show(labels: Labels) -> str:
    """A short, readable form of a label list for messages."""
    items = list(labels)
    shown = ", ".join(repr(v.item() if isinstance(v, np.generic) else v) for v in items[:12])
    return f"[{shown}{', ...' if len(items) > 12 else ''}]"


def _score(func: Callable[..., Any], name: str, *args: Any, **kwargs: Any) -> float:
    """Call a metric and return its value as a float; fail clearly on a non-number."""
    call = f"{name}({', '.join(_show(a) for a in args)}"
    call += "".join(f", {k}={v!r}" for k, v in kwargs.items()) + ")"
    try:
        with _quiet():
            value = func(*args, **kwargs)
    except ZeroDivisionError:
        fail(
            f"{call} raised ZeroDivisionError: when a denominator is 0 (no sample predicted "
            "or truly positive), return 0.0, as scikit-learn does with zero_division=0."
        )
    except ValueError as exc:
        fail(
            f"{call} raised ValueError({exc}), but this input is valid: the lengths match, "
            "and pos_label is one of the labels, or the data hold a single label (then the "
            "score is 0.0 or 1.0, not an error)."
        )
    if value is None:
        fail(f"{call} returned None. (Did you forget a return statement?)")
    if isinstance(value, bool) or np.ndim(value) != 0:
        fail(f"{call} returned {value!r}: it must return one number, a float.")
    try:
        number = float(value)
    except (TypeError, ValueError):
        fail(f"{call} returned {value!r}: it must return one number, a float.")
    if np.isnan(number):
        fail(
            f"{call} returned nan: a 0 / 0 (no sample predicted or truly positive) must "
            "give 0.0, as scikit-learn does with zero_division=0."
        )
    return number


def _reference(kind: str, y_true: Labels, y_pred: Labels, pos_label: Any = 1) -> float:
    """scikit-learn's value of one metric ('accuracy', 'precision', 'recall', 'f1')."""
    sk = _sk()
    with _quiet():
        if kind == "accuracy":
            return float(sk.accuracy_score(y_true, y_pred))
        scorer = {"precision": sk.precision_score, "recall": sk.recall_score, "f1": sk.f1_score}
        per_label = scorer[kind](y_true, y_pred, labels=[pos_label], average=None, zero_division=0)
    return float(per_label[0])


def _expect_metric(
    module: ModuleType, kind: str, y_true: Labels, y_pred: Labels, *, note: str, **kw: Any
) -> float:
    """The learner's metric equals scikit-learn's on one case; returns the learner's value."""
    value = _score(getattr(module, kind), kind, y_true, y_pred, **kw)
    expected = _reference(kind, y_true, y_pred, **kw)
    args = f"{_show(y_true)}, {_show(y_pred)}" + "".join(f", {k}={v!r}" for k, v in kw.items())
    expect_close(value, expected, what=f"{kind}({args})", rtol=RTOL, note=note)
    return value


def _matrix(module: ModuleType, y_true: Labels, y_pred: Labels, **kw: Any) -> np.ndarray:
    """The learner's confusion matrix as an array (fails clearly on a wrong type)."""
    with _quiet():
        result = module.confusion_matrix(y_true, y_pred, **kw)
    if result is None:
        fail("confusion_matrix returned None. (Did you forget a return statement?)")
    expect(
        isinstance(result, np.ndarray),
        f"confusion_matrix returned a {type(result).__name__}: it must return a NumPy array "
        "(np.zeros((k, k), dtype=int) and fill it, or np.array(rows)).",
    )
    expect(
        result.ndim == 2 and np.issubdtype(result.dtype, np.integer),
        f"confusion_matrix returned an array of shape {result.shape} and dtype {result.dtype}: "
        "it must be a 2-D array of integer counts (dtype=int).",
    )
    return result


def _sk_matrix(y_true: Labels, y_pred: Labels, **kw: Any) -> np.ndarray:
    with _quiet():
        return np.asarray(_sk().confusion_matrix(y_true, y_pred, **kw))


def _expect_matrix(
    module: ModuleType, y_true: Labels, y_pred: Labels, *, case: str, **kw: Any
) -> None:
    """The learner's confusion matrix equals scikit-learn's, with a diagnosis if not."""
    try:
        got = _matrix(module, y_true, y_pred, **kw)
    except (NotImplementedError, CheckFailed):
        raise
    except Exception as exc:
        given = f" with labels={_show(kw['labels'])}" if kw.get("labels") is not None else ""
        fail(
            f"confusion_matrix on {case}{given} raised {type(exc).__name__}: {exc}. The call is "
            "valid: any labels list (one label or more) gives one row and column per label."
        )
    want = _sk_matrix(y_true, y_pred, **kw)
    order = kw.get("labels")
    labels = list(order) if order is not None else sorted(set(y_true) | set(y_pred))
    if got.shape == want.shape and np.array_equal(got, want):
        return
    shown = f"confusion_matrix on {case}"
    detail = f"expected\n{want}\n(rows and columns: {_show(labels)}), got\n{got}."
    if got.shape == want.shape and np.array_equal(got, want.T):
        fail(
            f"{shown} is transposed: rows must be the TRUE labels and columns the PREDICTED "
            f"ones (C[i, j] counts true labels[i] predicted labels[j]). {detail}"
        )
    if order is None and got.shape != want.shape:
        in_true = len(set(y_true))
        hint = (
            " It seems to use only the labels of y_true: a label may appear only in y_pred."
            if got.shape == (in_true, in_true)
            else ""
        )
        fail(
            f"{shown} has shape {got.shape}, expected {want.shape}: one row and one column per "
            f"label found in y_true OR y_pred.{hint} {detail}"
        )
    if order is None and got.shape == want.shape:
        for perm in _orders_of_appearance(y_true, y_pred, labels):
            if np.array_equal(got, want[np.ix_(perm, perm)]):
                fail(
                    f"{shown} lists the labels in the order they first appear: sort them "
                    f"(sorted(set(y_true) | set(y_pred))), as scikit-learn does. {detail}"
                )
    if order is not None and got.shape != want.shape:
        fail(
            f"{shown} with labels={_show(order)} has shape {got.shape}: with labels given, the "
            f"matrix has exactly one row and one column per given label, in that order. {detail}"
        )
    if order is not None:
        fail(
            f"{shown} with labels={_show(order)}: rows and columns follow the order of "
            "`labels`, and samples whose true or predicted label is not in `labels` are left "
            f"out. {detail}"
        )
    fail(f"{shown}: {detail}")


def _orders_of_appearance(y_true: Labels, y_pred: Labels, labels: list[Any]) -> Iterator[list[int]]:
    """Index permutations of the sorted labels for the usual "order of appearance" orders."""
    for seq in (
        list(y_true) + list(y_pred),
        [v for pair in zip(y_true, y_pred, strict=True) for v in pair],
    ):
        seen = list(dict.fromkeys(seq))
        if sorted(seen) == labels:
            yield [labels.index(v) for v in seen]


# Cases: small, and each shows one thing.
BINARY_TRUE = [1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 0, 0]
BINARY_PRED = [1, 0, 0, 1, 1, 0, 1, 0, 0, 1, 1, 1]
IMBALANCED_TRUE = [0] * 15 + [1] * 5
IMBALANCED_PRED = [0] * 12 + [1] * 3 + [1, 0, 0, 1, 0]
MULTI_TRUE = [2, 0, 1, 2, 1, 0, 2, 2, 1, 0]
MULTI_PRED = [2, 1, 1, 0, 1, 0, 2, 1, 2, 0]
SPAM_TRUE = ["ham", "spam", "ham", "ham", "spam", "ham", "spam", "ham"]
SPAM_PRED = ["ham", "spam", "spam", "ham", "ham", "ham", "spam", "ham"]
ANIMALS_TRUE = ["dog", "cat", "dog", "bird", "cat", "dog", "cat"]
ANIMALS_PRED = ["dog", "dog", "cat", "cat", "cat", "fish", "cat"]


# --- accuracy ------------------------------------------------------------------------------


@check("accuracy is the fraction of right predictions", hint="accuracy")
def accuracy_matches_sklearn(ctx: Context) -> None:
    m = _metrics(ctx)
    for y_true, y_pred in (
        (BINARY_TRUE, BINARY_PRED),
        (MULTI_TRUE, MULTI_PRED),
        (SPAM_TRUE, SPAM_PRED),
        ([1, 1, 1], [1, 1, 1]),
        ([0, 1], [1, 0]),
        ([1], [0]),
        (["a"], ["a"]),
    ):
        value = _score(m.accuracy, "accuracy", y_true, y_pred)
        right = sum(t == p for t, p in zip(y_true, y_pred, strict=True))
        if value == right and right != right / len(y_true):
            fail(
                f"accuracy({_show(y_true)}, {_show(y_pred)}) returned {value:g}, the NUMBER of "
                f"right predictions: divide by the number of samples ({len(y_true)})."
            )
        _expect_metric(
            m,
            "accuracy",
            y_true,
            y_pred,
            note="Accuracy = (number of positions where y_true equals y_pred) / n_samples.",
        )


# --- the confusion matrix ------------------------------------------------------------------


@check("confusion_matrix: rows are true labels, columns predicted ones", hint="confusion_matrix")
def confusion_matrix_binary(ctx: Context) -> None:
    m = _metrics(ctx)
    _expect_matrix(m, BINARY_TRUE, BINARY_PRED, case="binary 0/1 labels")
    _expect_matrix(m, IMBALANCED_TRUE, IMBALANCED_PRED, case="imbalanced 0/1 labels")
    _expect_matrix(m, MULTI_TRUE, MULTI_PRED, case="three classes 0, 1, 2")
    got = _matrix(m, BINARY_TRUE, BINARY_PRED)
    expect(
        int(got.sum()) == len(BINARY_TRUE),
        f"The confusion matrix sums to {int(got.sum())}, not to the {len(BINARY_TRUE)} samples.",
    )


@check("confusion_matrix: sorted labels from both arrays, or the order given", hint="labels")
def confusion_matrix_labels(ctx: Context) -> None:
    m = _metrics(ctx)
    # "fish" is only predicted, "bird" only true: the matrix needs both.
    _expect_matrix(m, ANIMALS_TRUE, ANIMALS_PRED, case="string labels, 'fish' only predicted")
    _expect_matrix(m, [3, 1, 3, 2], [1, 1, 3, 3], case="labels 3, 1, 2 (not in sorted order)")
    _expect_matrix(m, [1, 1, 1, 1], [1, 1, 1, 1], case="a single class")
    _expect_matrix(m, SPAM_TRUE, SPAM_PRED, labels=["spam", "ham"], case="labels given")
    _expect_matrix(
        m, ANIMALS_TRUE, ANIMALS_PRED, labels=["cat", "dog"], case="a subset of the labels"
    )
    _expect_matrix(m, [0, 1, 1, 0], [0, 1, 0, 0], labels=[0, 1, 2], case="a label with no sample")
    _expect_matrix(m, [0, 1, 1, 0], [0, 1, 0, 0], labels=[1], case="a single label given")


# --- precision, recall, F1 -----------------------------------------------------------------


@check("precision and recall match scikit-learn", hint="precision_recall")
def precision_recall_match_sklearn(ctx: Context) -> None:
    m = _metrics(ctx)
    cases: list[tuple[str, Labels, Labels, Any]] = [
        ("binary", BINARY_TRUE, BINARY_PRED, 1),
        ("imbalanced", IMBALANCED_TRUE, IMBALANCED_PRED, 1),
        ("imbalanced, pos_label=0", IMBALANCED_TRUE, IMBALANCED_PRED, 0),
        ("three classes, pos_label=2", MULTI_TRUE, MULTI_PRED, 2),
    ]
    for label, y_true, y_pred, pos in cases:
        p = _score(m.precision, "precision", y_true, y_pred, pos_label=pos)
        r = _score(m.recall, "recall", y_true, y_pred, pos_label=pos)
        p_ref = _reference("precision", y_true, y_pred, pos)
        r_ref = _reference("recall", y_true, y_pred, pos)
        if abs(p_ref - r_ref) > 1e-6 and abs(p - r_ref) < 1e-9 and abs(r - p_ref) < 1e-9:
            fail(
                f"On the {label} case, precision and recall are swapped (precision {p:.4g}, "
                f"recall {r:.4g}; expected {p_ref:.4g} and {r_ref:.4g}). Precision divides by "
                "what was PREDICTED positive, TP / (TP + FP); recall by what IS positive, "
                "TP / (TP + FN)."
            )
        for kind, value, ref in (("precision", p, p_ref), ("recall", r, r_ref)):
            as_if_1 = pos != 1 and abs(value - _reference(kind, y_true, y_pred, 1)) < 1e-12
            if as_if_1 and abs(value - ref) > 1e-9:
                fail(
                    f"{kind}(..., pos_label={pos!r}) on the {label} case equals the "
                    f"{kind} of label 1: use pos_label as the positive class, not 1."
                )
        note = "Count TP (true and predicted pos_label), FP (predicted, not true), FN (true, not "
        note += "predicted); precision = TP / (TP + FP), recall = TP / (TP + FN)."
        kw = {"pos_label": pos}
        _expect_metric(m, "precision", y_true, y_pred, note=note, **kw)
        _expect_metric(m, "recall", y_true, y_pred, note=note, **kw)
    for kind in ("precision", "recall"):
        _expect_default_pos_label(m, kind)


def _expect_default_pos_label(m: ModuleType, kind: str) -> None:
    """Called without pos_label, the metric counts label 1 as positive (imbalanced 0/1 case,
    where label 0 gives another value)."""
    value = _score(getattr(m, kind), kind, IMBALANCED_TRUE, IMBALANCED_PRED)
    expected = _reference(kind, IMBALANCED_TRUE, IMBALANCED_PRED, 1)
    expect_close(
        value,
        expected,
        what=f"{kind}({_show(IMBALANCED_TRUE)}, {_show(IMBALANCED_PRED)}) without pos_label",
        rtol=RTOL,
        note="The default is pos_label=1 (as in scikit-learn): label 1 is the positive class.",
    )


@check("F1 is the harmonic mean of precision and recall", hint="f1")
def f1_matches_sklearn(ctx: Context) -> None:
    m = _metrics(ctx)
    for y_true, y_pred, pos in (
        (BINARY_TRUE, BINARY_PRED, 1),
        (IMBALANCED_TRUE, IMBALANCED_PRED, 1),
        (MULTI_TRUE, MULTI_PRED, 0),
        (SPAM_TRUE, SPAM_PRED, "spam"),
    ):
        value = _score(m.f1, "f1", y_true, y_pred, pos_label=pos)
        p = _reference("precision", y_true, y_pred, pos)
        r = _reference("recall", y_true, y_pred, pos)
        f1_ref = _reference("f1", y_true, y_pred, pos)
        if abs(p - r) > 1e-6 and abs(value - (p + r) / 2) < 1e-9:
            fail(
                f"f1 returned {value:.4g}, the arithmetic mean (P + R) / 2 of precision {p:.4g} "
                f"and recall {r:.4g}: F1 is their HARMONIC mean, 2 P R / (P + R) = {f1_ref:.4g}."
            )
        if pos != 1 and abs(f1_ref - _reference("f1", y_true, y_pred, 1)) > 1e-9:
            expect(
                abs(value - _reference("f1", y_true, y_pred, 1)) > 1e-12,
                f"f1(..., pos_label={pos!r}) equals the F1 of label 1: use pos_label as the "
                "positive class, not 1.",
            )
        _expect_metric(
            m,
            "f1",
            y_true,
            y_pred,
            pos_label=pos,
            note="F1 = 2 * precision * recall / (precision + recall) = 2 TP / (2 TP + FP + FN).",
        )
    _expect_default_pos_label(m, "f1")


@check(
    "no positive prediction (or no positive sample) gives 0.0, not an error", hint="zero_division"
)
def zero_division(ctx: Context) -> None:
    m = _metrics(ctx)
    y_true = [0, 1, 0, 1, 1]
    nothing_predicted = [0, 0, 0, 0, 0]
    for kind in ("precision", "recall", "f1"):
        _expect_metric(
            m,
            kind,
            y_true,
            nothing_predicted,
            note="No sample is predicted positive: TP = FP = 0, and precision is 0 / 0, "
            "defined as 0.0 (scikit-learn's zero_division=0); recall and F1 are 0.0 too.",
        )
    no_positive = [0, 0, 0, 0, 0]
    for kind in ("precision", "recall", "f1"):
        _expect_metric(
            m,
            kind,
            no_positive,
            [0, 1, 0, 0, 1],
            note="No sample is truly positive: TP = FN = 0, and recall is 0 / 0, defined as "
            "0.0 (scikit-learn's zero_division=0).",
        )
    _expect_metric(
        m,
        "f1",
        [1, 0, 1, 0],
        [0, 1, 0, 1],
        note="Every prediction is wrong: precision = 0 / 2 and recall = 0 / 2 are both 0, and "
        "F1 = 2 P R / (P + R) is 0 / 0, defined as 0.0 (or compute 2 TP / (2 TP + FP + FN)).",
    )


@check("string labels need pos_label; a single class is not an error", hint="pos_label")
def string_labels_and_pos_label(ctx: Context) -> None:
    m = _metrics(ctx)
    for kind in ("precision", "recall", "f1"):
        _expect_metric(
            m,
            kind,
            SPAM_TRUE,
            SPAM_PRED,
            pos_label="spam",
            note='With pos_label="spam", the positive class is "spam" and "ham" is negative.',
        )
        try:
            with _quiet():
                value = getattr(m, kind)(SPAM_TRUE, SPAM_PRED)
        except NotImplementedError:
            raise
        except ValueError:
            pass
        except Exception as exc:
            fail(
                f"{kind} on 'ham'/'spam' labels with the default pos_label=1 raised "
                f"{type(exc).__name__}({exc}): raise ValueError naming the labels found."
            )
        else:
            fail(
                f"{kind} on 'ham'/'spam' labels with the default pos_label=1 returned {value!r}: "
                "1 is not one of the labels, a silent 0.0 would hide the mistake. Raise "
                "ValueError when pos_label occurs in neither y_true nor y_pred and they hold "
                "two labels or more (scikit-learn does)."
            )
    for kind in ("precision", "recall", "f1"):
        try:
            with _quiet():
                value = getattr(m, kind)([0, 1, 2, 1], [0, 2, 2, 1], pos_label=5)
        except NotImplementedError:
            raise
        except ValueError:
            continue
        except Exception as exc:
            fail(
                f"{kind}([0, 1, 2, 1], [0, 2, 2, 1], pos_label=5) raised {type(exc).__name__}"
                f"({exc}): raise ValueError naming the labels found."
            )
        fail(
            f"{kind}([0, 1, 2, 1], [0, 2, 2, 1], pos_label=5) returned {value!r}: 5 is not one "
            "of the labels 0, 1, 2, and a silent 0.0 would hide the mistake. Raise ValueError "
            "when pos_label occurs in neither y_true nor y_pred and they hold two labels or more "
            "(whatever the type of the labels)."
        )
    # A single class in both arrays is a valid question: there is nothing positive to find.
    for kind in ("precision", "recall", "f1"):
        _expect_metric(
            m,
            kind,
            [0, 0, 0],
            [0, 0, 0],
            note="With one label only and pos_label absent, there is no positive sample and no "
            "positive prediction: return 0.0, do not raise.",
        )
        _expect_metric(
            m,
            kind,
            [1, 1, 1],
            [1, 1, 1],
            note="Every sample is positive and predicted so: the score is 1.0.",
        )


@check("lists, NumPy arrays and pandas Series all work; lengths must match", hint="inputs")
def inputs_of_any_kind(ctx: Context) -> None:
    import pandas as pd

    m = _metrics(ctx)
    y_true = np.array(BINARY_TRUE)
    y_pred = np.array(BINARY_PRED)
    # What the learner's own functions give on plain lists: the other checks judge those
    # values; this one asks that every kind of input gives the same.
    on_lists = {
        kind: _score(getattr(m, kind), kind, BINARY_TRUE, BINARY_PRED) for kind in FUNCTIONS[:4]
    }
    matrix_on_lists = _matrix(m, BINARY_TRUE, BINARY_PRED)
    # A Series cut from a shuffled frame keeps its shuffled index: compare by position.
    shuffled = pd.Series(y_true, index=np.random.default_rng(0).permutation(len(y_true)))
    kinds: dict[str, tuple[Any, Any]] = {
        "NumPy arrays": (y_true, y_pred),
        "a pandas Series with a shuffled index and a NumPy array": (shuffled, y_pred),
        "a pandas Series with a shuffled index and a Series with the default index": (
            shuffled,
            pd.Series(y_pred),
        ),
        "boolean arrays": (y_true.astype(bool), y_pred.astype(bool)),
    }
    advice = (
        "Convert the inputs first with np.asarray(y_true) and np.asarray(y_pred): labels are "
        "compared by position, never by a pandas index."
    )
    for label, (t, p) in kinds.items():
        for kind in FUNCTIONS[:4]:
            try:
                with _quiet():
                    value = getattr(m, kind)(t, p)
            except NotImplementedError:
                raise
            except Exception as exc:
                fail(f"{kind} on {label} raised {type(exc).__name__}: {exc}. {advice}")
            expect_close(
                value,
                on_lists[kind],
                what=f"{kind} on {label} (against {kind} on the same labels as lists)",
                rtol=RTOL,
                note=advice,
            )
        try:
            matrix = _matrix(m, t, p)
        except (NotImplementedError, CheckFailed):
            raise
        except Exception as exc:
            fail(f"confusion_matrix on {label} raised {type(exc).__name__}: {exc}. {advice}")
        expect(
            np.array_equal(matrix, matrix_on_lists),
            f"confusion_matrix on {label} returned\n{matrix}\nbut on the same labels as lists"
            f"\n{matrix_on_lists}. {advice}",
        )
    # NumPy broadcasts one label against many: [1] == [1, 0, 1] compares without an error.
    for kind in FUNCTIONS[:5]:
        for truth, guess in (([0, 1, 1, 0], [0, 1, 1]), ([1], [1, 0, 1])):
            shown = f"{kind}({truth}, {guess})"
            try:
                with _quiet():
                    value = getattr(m, kind)(truth, guess)
            except NotImplementedError:
                raise
            except ValueError:
                continue
            except Exception as exc:
                fail(
                    f"{shown} raised {type(exc).__name__}: raise ValueError that says the "
                    "lengths differ."
                )
            fail(
                f"{shown} returned {value!r}: {len(truth)} true labels and {len(guess)} "
                "predictions cannot be compared. Raise ValueError when the lengths differ "
                "(zip() silently drops the extra labels, NumPy broadcasts a single one)."
            )


# --- errors --------------------------------------------------------------------------------

# What a ValueError's message must mention, any one of these, in any case (a tuple: all of its
# parts): the brief asks it to name the problem, not a wording.
Names = tuple[str | tuple[str, ...], ...]
NAMES_1D = ("1-d", "1d", "one-dimensional", "dimension", "ndim", "shape", "flat", "ravel")
NAMES_EMPTY = ("empty", "no label", "no sample", "nothing", "at least one", "0 label", "0 sample")
NAMES_LENGTH: Names = (
    *("length", "len(", "size", "differ", "same", "match", "shorter", "longer"),
    *(("4", "3", "label"), ("4", "3", "pred")),  # "y_true has 4 labels, y_pred has 3"
)
NAMES_DUPLICATE = ("duplicate", "twice", "unique", "repeat", "more than once", "distinct")


def _expect_value_error(
    action: Callable[[], Any], *, call: str, names: Names, problem: str
) -> None:
    """`action()` raises ValueError, with a message that mentions one of `names` (any case)."""
    note = f"Raise ValueError: {problem}."
    with _quiet():
        expect_raises(ValueError, action, call=call, note=note, mentions_any=names, problem=problem)


@check("bad input raises ValueError naming the problem", hint="errors")
def invalid_input_raises(ctx: Context) -> None:
    m = _metrics(ctx)
    column, flat = [[1], [0], [1], [1]], [1, 0, 0, 1]
    cases: tuple[tuple[tuple[Labels, Labels], str, Names, str], ...] = (
        (([], []), "[], []", NAMES_EMPTY, "the labels are empty: there is nothing to score"),
        ((column, flat), "a column of shape (4, 1), a list of 4", NAMES_1D, "y_true is not 1-D"),
        ((flat, column), "a list of 4, a column of shape (4, 1)", NAMES_1D, "y_pred is not 1-D"),
        (
            ([0, 1, 1, 0], [0, 1, 1]),
            "[0, 1, 1, 0], [0, 1, 1]",
            NAMES_LENGTH,
            "4 true labels against 3 predictions: the lengths differ",
        ),
    )
    for kind in FUNCTIONS[:5]:
        func = getattr(m, kind)
        for args, shown, names, problem in cases:
            _expect_value_error(
                partial(func, *args),
                call=f"{kind}({shown})",
                names=names,
                problem=problem,
            )
    for kind in ("precision", "recall", "f1"):
        _expect_value_error(
            partial(getattr(m, kind), ["ham", "spam"], ["spam", "spam"]),
            call=f"{kind}(['ham', 'spam'], ['spam', 'spam'])",
            names=("pos_label",),
            problem="pos_label=1 (the default) is not one of the labels 'ham' and 'spam'",
        )
    labelled: tuple[tuple[list[Any], Names, str], ...] = (
        ([], NAMES_EMPTY, "labels is empty"),
        ([0, 1, 0], NAMES_DUPLICATE, "labels names 0 twice"),
        ([[0, 1]], NAMES_1D, "labels is not 1-D"),
    )
    for labels, names, problem in labelled:
        _expect_value_error(
            partial(m.confusion_matrix, [0, 1, 1], [0, 1, 0], labels=labels),
            call=f"confusion_matrix([0, 1, 1], [0, 1, 0], labels={labels!r})",
            names=names,
            problem=problem,
        )
    for bad in ((10, 1), (3, 5), (10, 0)):
        _expect_value_error(
            partial(m.kfold, *bad),
            call=f"kfold{bad}",
            names=("n_splits",),
            problem="n_splits must be between 2 and n_samples",
        )


# --- k-fold --------------------------------------------------------------------------------


def _splits(m: ModuleType, *args: Any, **kwargs: Any) -> list[tuple[np.ndarray, np.ndarray]]:
    call = (
        f"kfold({', '.join(map(repr, args))}{''.join(f', {k}={v!r}' for k, v in kwargs.items())})"
    )
    try:
        result = m.kfold(*args, **kwargs)
    except NotImplementedError:
        raise
    except Exception as exc:
        fail(
            f"{call} raised {type(exc).__name__}: {exc}. The call is valid: n_splits may be any "
            "number from 2 to n_samples."
        )
    if result is None:
        fail(f"{call} returned None. (Did you forget a return statement?)")
    try:
        pairs = [(np.asarray(train), np.asarray(test)) for train, test in result]
    except (TypeError, ValueError):
        fail(f"{call} must return a list of (train_indices, test_indices) pairs.")
    for train, test in pairs:
        for arr in (train, test):
            expect(
                arr.ndim == 1 and (arr.size == 0 or np.issubdtype(arr.dtype, np.integer)),
                f"{call} returned index arrays of dtype {arr.dtype} and shape {arr.shape}: each "
                "must be a 1-D array of integer indices.",
            )
    return pairs


@check("kfold splits like scikit-learn's KFold", hint="kfold")
def kfold_matches_sklearn(ctx: Context) -> None:
    try:
        from sklearn.model_selection import KFold
    except ImportError as exc:
        raise GradingError("m04-metrics needs scikit-learn: pip install 'airoadmap[lab]'.") from exc
    m = _metrics(ctx)
    for n_samples, n_splits in ((10, 5), (11, 3), (7, 7), (23, 4), (5, 2), (2, 2)):
        got = _splits(m, n_samples, n_splits)
        want = list(KFold(n_splits=n_splits).split(np.zeros((n_samples, 1))))
        expect(
            len(got) == n_splits,
            f"kfold({n_samples}, {n_splits}) returned {len(got)} splits, expected {n_splits}.",
        )
        sizes = [len(test) for _, test in got]
        sizes_ref = [len(test) for _, test in want]
        expect(
            sizes == sizes_ref,
            f"kfold({n_samples}, {n_splits}) gives test folds of sizes {sizes}, expected "
            f"{sizes_ref}: the first n_samples % n_splits folds hold one index more (the folds "
            "differ in size by at most 1; np.array_split cuts that way).",
        )
        for i, ((train, test), (train_ref, test_ref)) in enumerate(zip(got, want, strict=True)):
            expect(
                np.array_equal(np.sort(test), test_ref),
                f"kfold({n_samples}, {n_splits}): test fold {i} is {np.sort(test).tolist()}, "
                f"expected {test_ref.tolist()} (without shuffle, folds are consecutive blocks "
                "of 0 .. n_samples - 1, in order).",
            )
            expect(
                np.array_equal(np.sort(train), train_ref),
                f"kfold({n_samples}, {n_splits}): train indices of split {i} are "
                f"{np.sort(train).tolist()}, expected {train_ref.tolist()}: every index that is "
                "not in the test fold, and none that is.",
            )
    defaults = _splits(m, 10)
    want = list(KFold().split(np.zeros((10, 1))))
    expect(
        len(defaults) == 5
        and all(np.array_equal(np.sort(a[1]), b[1]) for a, b in zip(defaults, want, strict=True)),
        f"kfold(10) returned the test folds {[np.sort(t).tolist() for _, t in defaults]}: the "
        "defaults are n_splits=5 and shuffle=False, the folds of KFold(5): "
        f"{[t.tolist() for _, t in want]}.",
    )
    uneven = _splits(m, 11, 3, shuffle=True, random_state=0)
    sizes = [len(test) for _, test in uneven]
    expect(
        sizes == [4, 4, 3],
        f"kfold(11, 3, shuffle=True) gives test folds of sizes {sizes}, expected [4, 4, 3]: with "
        "shuffling too, the first n_samples % n_splits folds hold one index more.",
    )
    expect(
        np.array_equal(np.sort(np.concatenate([test for _, test in uneven])), np.arange(11)),
        "kfold(11, 3, shuffle=True): every index must be in exactly one test fold.",
    )
    shuffled = _splits(m, 20, 4, shuffle=True, random_state=0)
    tests = np.concatenate([test for _, test in shuffled])
    expect(
        np.array_equal(np.sort(tests), np.arange(20)),
        "kfold(20, 4, shuffle=True): every index must be in exactly one test fold; the test "
        f"folds hold {np.sort(tests).tolist()}.",
    )
    for i, (train, test) in enumerate(shuffled):
        expect(
            np.intersect1d(train, test).size == 0 and train.size + test.size == 20,
            f"kfold(20, 4, shuffle=True): split {i} has train and test sets that overlap or "
            "miss indices: train must be every index not in test.",
        )
    expect(
        any(
            not np.array_equal(np.sort(test), np.arange(5 * i, 5 * i + 5))
            for i, (_, test) in enumerate(shuffled)
        ),
        "kfold(20, 4, shuffle=True) gave the folds of shuffle=False: shuffle the indices first "
        "(rng.permutation(n_samples) with rng = np.random.default_rng(random_state)).",
    )
    again = _splits(m, 20, 4, shuffle=True, random_state=0)
    expect(
        all(np.array_equal(a[1], b[1]) for a, b in zip(shuffled, again, strict=True)),
        "kfold(20, 4, shuffle=True, random_state=0) gave different folds on two calls: draw "
        "the permutation from np.random.default_rng(random_state), created inside kfold.",
    )
    other = _splits(m, 20, 4, shuffle=True, random_state=1)
    expect(
        any(not np.array_equal(a[1], b[1]) for a, b in zip(shuffled, other, strict=True)),
        "kfold(20, 4, shuffle=True) gave the same folds with random_state=0 and random_state=1: "
        "the shuffle must come from np.random.default_rng(random_state), so that the seed "
        "decides the folds.",
    )
    for bad in ((10, 1), (3, 5), (10, 0)):
        try:
            with _quiet():
                m.kfold(*bad)
        except NotImplementedError:
            raise
        except ValueError:
            continue
        except Exception as exc:
            fail(f"kfold{bad} raised {type(exc).__name__}: raise ValueError instead.")
        fail(
            f"kfold{bad} returned splits: n_splits must be between 2 and n_samples, raise "
            "ValueError otherwise."
        )
