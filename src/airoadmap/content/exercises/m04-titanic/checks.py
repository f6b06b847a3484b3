"""Checks of m04-titanic: a survival model judged on passengers it never saw.

The checks load the 1309 passengers themselves, drop the label (`survived`) and the columns
that leak it (`boat`, `body`), and make the fixed stratified split of
`airoadmap.grading.kit.heldout` (891 to fit, 418 held out). The learner's code sees the
training passengers through `fit` and the held-out features through `predict`, nothing
else: while it runs, reading the data set's files is refused (`airoadmap.grading.kit.fence`).
The held-out accuracy bar, and why it is there, is in exercise.toml's [bars].

Leakage is caught three ways: a model that is already fitted when `make_model` returns it;
a model that needs `survived`, `boat` or `body` (it fails on frames without them); a model
whose predictions do not come from the labels it is given (fitted on flipped labels it still
scores well, so it knows the answers from somewhere else).
"""

from __future__ import annotations

import re
from typing import Any

import numpy as np

from airoadmap.grading.api import CheckFailed, Context, check, expect, expect_bar, fail
from airoadmap.grading.kit.heldout import leaky_and_target
from airoadmap.grading.kit.heldout import titanic as _split
from airoadmap.grading.kit.modelcheck import Task, once

# Fitted with every training label flipped (survived <-> died), a model that learns from its
# labels flips its answers: on this split such models score 0.17-0.25 (logistic regression,
# tree, forest, boosting, default tree on raw columns). A model that scores above this line
# after the flip does not take its answers from the labels `fit` was given.
FLIPPED_ACCURACY_MAX = 0.5

TASK = Task(
    module="titanic_model",
    factory="make_model",
    dataset="titanic",
    title="Titanic",
    rows="passengers",
)
LEAKY = ("survived", "boat", "body")


def _names_leaky_column(exc: BaseException) -> str | None:
    """The label or leaky column an error (or its cause) complains about, if any."""
    seen: BaseException | None = exc
    for _ in range(10):
        if seen is None:
            break
        text = " ".join([str(seen), *map(str, getattr(seen, "args", ()))])
        for name in LEAKY:
            if re.search(rf"\b{name}\b", text):
                return name
        seen = seen.__cause__ or seen.__context__
    return None


def _fit(model: Any, X: Any, y: Any, what: str) -> Any:
    try:
        with TASK.learner_code(what):
            model.fit(X, y)
    except (NotImplementedError, CheckFailed):
        raise
    except Exception as exc:
        column = _names_leaky_column(exc)
        if column is None:
            raise
        fail(
            f"fit failed because the model needs the column {column!r} ({type(exc).__name__}: "
            f"{str(exc)[:120]}). The checks give the model the passengers without "
            "`survived` (the label), `boat` and `body`: a lifeboat number or a body number is "
            "only known after the sinking and tells who survived, so a model using them "
            "leaks the answer. Build features from the other columns only (X never holds "
            "these three: there is nothing to drop)."
        )
    return model


def _predict(model: Any, X: Any, what: str) -> np.ndarray:
    with TASK.learner_code(what):
        raw = model.predict(X)
    pred = np.asarray(raw)
    expect(
        pred.shape == (len(X),),
        f"predict on {len(X)} passengers returned shape {pred.shape}: return one 0 or 1 "
        "per row of X (predictions for the passengers it is given).",
    )
    if pred.dtype == bool:
        pred = pred.astype(int)
    values = set(np.unique(pred).tolist())
    if not values <= {0, 1}:
        shown = sorted(map(repr, values))[:4]
        fail(
            f"predict returned the values {', '.join(shown)}: it must return survived as "
            "0 or 1, like the y that fit receives (not probabilities, not text)."
        )
    return pred.astype(int)


def _fit_predict(ctx: Context, y_train: Any, labels: str) -> np.ndarray:
    split = _split()
    model = _fit(TASK.make(ctx), split.X_train, y_train, f"fit ran on {labels}")
    return _predict(model, split.X_holdout, f"predict ran after a fit on {labels}")


def _holdout_predictions(ctx: Context) -> np.ndarray:
    """Fitted on the training passengers, predictions for the held-out ones (once per run)."""
    return once(
        ctx, "holdout", lambda: _fit_predict(ctx, _split().y_train, "the training passengers")
    )


def _accuracy(pred: np.ndarray, y: Any) -> float:
    return float(np.mean(pred == np.asarray(y)))


# --- the checks -----------------------------------------------------------------------------


@check("make_model() returns an unfitted estimator", hint="contract")
def returns_unfitted(ctx: Context) -> None:
    TASK.require_unfitted(TASK.make(ctx), total="all 1309 passengers")


@check("fit on passengers without survived, boat, body; predict 0 or 1", hint="leakage")
def fits_without_leaky_columns(ctx: Context) -> None:
    target, leaky = leaky_and_target()
    absent = {target, *leaky} & set(_split().X_train.columns)
    assert not absent, f"the checks' own frame still holds {absent}"
    _holdout_predictions(ctx)


@check("held-out accuracy reaches the bar", hint="features")
def holdout_accuracy(ctx: Context) -> None:
    split = _split()
    pred = _holdout_predictions(ctx)
    majority = float(max(split.y_holdout.mean(), 1 - split.y_holdout.mean()))
    nudge = " Your model predicts the same class for everyone." if len(set(pred)) == 1 else ""
    expect_bar(
        ctx,
        "accuracy_holdout",
        _accuracy(pred, split.y_holdout),
        note=f"({len(pred)} held-out passengers; always predicting 'died' scores "
        f"{majority:.3f}.){nudge} Features help most: sex, class, a title taken from the name, "
        "family size, age imputed inside the pipeline.",
    )


@check("the model learns from the labels it is given", hint="leakage")
def learns_from_labels(ctx: Context) -> None:
    split = _split()
    _holdout_predictions(ctx)  # the honest fit works (or its own failure is reported)
    pred = _fit_predict(ctx, 1 - split.y_train, "flipped labels")
    accuracy = ctx.record("accuracy_flipped_labels", _accuracy(pred, split.y_holdout))
    expect(
        accuracy <= FLIPPED_ACCURACY_MAX,
        f"Fitted with every training label flipped (survived <-> died), the model still "
        f"scores {accuracy:.3f} on the held-out passengers. A model that learns from its "
        "labels flips its answers too (about 0.2 here), so yours takes them from somewhere "
        "else: a fixed rule (women survive), labels looked up in a copy of the data, or a "
        "model fitted beforehand. Learn everything in fit, from the X and y it receives.",
    )
