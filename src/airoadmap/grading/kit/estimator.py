"""Conformance of a learner's scikit-learn style class, in the spirit of `check_estimator`.

An exercise that asks for a class with scikit-learn's API (`__init__` that stores its
arguments, `fit` that learns attributes ending in "_" and returns self, `predict`) checks the
same rules each time. Each helper checks one rule and fails with a message that says what
scikit-learn expects and why; `NotImplementedError` from the learner's code passes through
(the harness reads it as NOT_ATTEMPTED). `check_conformance` runs them all in order.

    from airoadmap.grading.kit import estimator as est

    @check("LinearRegression follows scikit-learn's API", hint="api")
    def api(ctx: Context) -> None:
        cls = est.learner_class(ctx, "linreg", "LinearRegression")
        est.check_conformance(
            cls, init_kwargs={"alpha": 0.5}, fit_args=(X, y), learned=("coef_", "intercept_")
        )

The model-fitting helpers (`fit`, `quiet`) let the other checks of an exercise share one
way of fitting: numerical warnings silenced (a diverging fit is judged by its numbers), the
caller's arrays checked to be unchanged, and the model itself used afterwards, so a `fit` that
forgets `return self` fails one check, not all of them.
"""

from __future__ import annotations

import warnings
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from airoadmap.grading.api import Context, expect, expect_fit_first, expect_unfitted, fail, short

__all__ = [
    "check_conformance",
    "expect_fit_returns_self",
    "expect_init_stores_args",
    "expect_input_unchanged",
    "expect_learned_after_fit",
    "expect_output_shape",
    "expect_predict_before_fit_says_fit",
    "fit",
    "learner_class",
    "quiet",
]


def learner_class(ctx: Context, module: str, name: str) -> Any:
    """The class `name` of the learner's `<module>.py`; a failure that says so when absent."""
    cls = getattr(ctx.load(module), name, None)
    if cls is None:
        fail(f"{module}.py defines no class {name}: keep the class name of the starter.")
    if not isinstance(cls, type):
        fail(f"{module}.py defines {name} as a {type(cls).__name__}, not a class: keep the "
             "starter's class.")
    return cls


@contextmanager
def quiet() -> Iterator[None]:
    """Numerical warnings off (overflow, empty means): a diverging or broken fit is judged by
    the numbers it produces, with a clear failure, not by a flood of warnings."""
    import numpy as np

    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _copy(value: Any) -> Any:
    copy = getattr(value, "copy", None)
    if callable(copy):
        return copy()
    import copy as copying

    return copying.deepcopy(value)


def _same(before: Any, after: Any) -> bool:
    import numpy as np

    equals = getattr(before, "equals", None)  # pandas: NaN equals NaN, dtypes compared
    if callable(equals) and type(before) is type(after):
        return bool(equals(after))
    try:
        a, b = np.asarray(before), np.asarray(after)
    except (TypeError, ValueError):
        return bool(before == after)
    if a.shape != b.shape:
        return False
    if a.dtype.kind in "fc" and b.dtype.kind in "fc":
        return bool(np.array_equal(a, b, equal_nan=True))
    return bool(np.array_equal(a, b))


def expect_input_unchanged(action: Callable[[], Any], *inputs: Any, call: str) -> Any:
    """Run `action` (a call given `inputs`); fail if it changed any of them. Its result."""
    names = ("X", "y", "the third argument", "the fourth argument")
    kept = [_copy(value) for value in inputs]
    result = action()
    for index, (before, value) in enumerate(zip(kept, inputs, strict=True)):
        name = names[index] if index < len(names) else f"argument {index + 1}"
        expect(
            _same(before, value),
            f"{call} changed the {name} it was given (an in-place operation such as "
            f"X -= mean, or X[...] = ...): work on new arrays instead (X = X - mean), the "
            "caller's data must stay as it was.",
        )
    return result


def expect_init_stores_args(
    cls: type, kwargs: Mapping[str, Any], *, learned: Sequence[str] = ()
) -> Any:
    """`cls(**kwargs)` stores each argument unchanged under its own name and learns nothing
    yet (scikit-learn's rule: validation and learning belong in fit). The new instance."""
    shown = ", ".join(f"{k}={short(v)}" for k, v in kwargs.items())
    model = cls(**kwargs)
    for key, value in kwargs.items():
        expect(
            hasattr(model, key),
            f"{cls.__name__}({shown}) has no attribute {key}: __init__ should store each "
            f"argument under its own name (self.{key} = {key}), as scikit-learn's "
            "estimators do, so that get_params, clone and your own fit can read it.",
        )
        stored = getattr(model, key)
        expect(
            stored is value or _same(value, stored),
            f"{cls.__name__}({shown}) stored {key}={short(stored)}: __init__ should keep "
            f"each argument as given (self.{key} = {key}); convert or check it in fit.",
        )
    expect_unfitted(model, tuple(learned))
    return model


def expect_fit_returns_self(model: Any, *args: Any, call: str = "fit(X, y)") -> Any:
    """`model.fit(*args)` returns the model itself (so `model.fit(X, y).predict(X)` works)."""
    with quiet():
        result = model.fit(*args)
    expect(
        result is model,
        f"{call} returned {short(result)}: end fit with `return self`, so that calls can be "
        f"chained as in scikit-learn (model.{call}.predict(X)).",
    )
    return model


def expect_learned_after_fit(
    model: Any, learned: Sequence[str], *, call: str = "fit(X, y)"
) -> None:
    """Each learned attribute exists after fit (scikit-learn: they end in "_")."""
    for name in learned:
        expect(
            hasattr(model, name),
            f"After {call}, the model has no {name}: fit sets the learned attributes "
            f"(self.{name} = ...), named with a trailing underscore as in scikit-learn.",
        )


def expect_predict_before_fit_says_fit(
    model: Any,
    *args: Any,
    method: str = "predict",
    fit_call: str = "fit(X, y)",
    attribute: str = "coef_",
) -> None:
    """`model.<method>(*args)` on a model never fitted raises an error that says to fit."""
    action = getattr(model, method, None)
    if not callable(action):
        fail(f"{type(model).__name__} has no method {method}: keep the starter's methods.")
    with quiet():
        expect_fit_first(lambda: action(*args), fit_call=fit_call, attribute=attribute)


def expect_output_shape(value: Any, shape: tuple[int, ...], *, call: str, note: str = "") -> Any:
    """`value` as a NumPy array, failing unless it has `shape` (e.g. one value per row)."""
    import numpy as np

    if value is None:
        fail(f"{call} returned None, expected an array of shape {shape}. (Did you forget a "
             "return statement?)")
    try:
        array = np.asarray(value)
    except (TypeError, ValueError):
        fail(f"{call} returned {short(value)}, expected an array of shape {shape}.")
    if array.shape != shape:
        hint = ""
        if array.size == int(np.prod(shape)) and array.shape != shape:
            hint = f" The values are all there: reshape them (e.g. .reshape({shape}) or .ravel())."
        fail(f"{call} returned an array of shape {array.shape}, expected {shape}.{hint} "
             f"{note}".rstrip())
    return array


def fit(model: Any, *args: Any, call: str = "fit(X, y)") -> Any:
    """Fit quietly, check the inputs are unchanged, and return the model itself (not what fit
    returned: a fit without `return self` fails `expect_fit_returns_self` only)."""
    with quiet():
        expect_input_unchanged(lambda: model.fit(*args), *args, call=call)
    return model


def check_conformance(
    cls: type,
    *,
    init_kwargs: Mapping[str, Any],
    fit_args: Sequence[Any],
    learned: Sequence[str],
    predict: str | None = "predict",
    predict_args: Sequence[Any] | None = None,
    output_shape: tuple[int, ...] | None = None,
    fit_call: str = "fit(X, y)",
) -> Any:
    """Every rule in order; the fitted model.

    init stores its arguments and learns nothing; `predict` (unless None) before fit says to
    call fit; fit returns self, leaves its input unchanged and sets every `learned` attribute;
    `predict(*predict_args)` (default: the first of `fit_args`) returns `output_shape`
    (default: one value per row of that input).
    """
    learned = tuple(learned)
    model = expect_init_stores_args(cls, init_kwargs, learned=learned)
    args = tuple(fit_args)
    inputs = tuple(predict_args) if predict_args is not None else args[:1]
    if predict is not None and learned:
        expect_predict_before_fit_says_fit(
            model, *inputs, method=predict, fit_call=fit_call, attribute=learned[0]
        )
    with quiet():
        expect_input_unchanged(
            lambda: expect_fit_returns_self(model, *args, call=fit_call), *args, call=fit_call
        )
    expect_learned_after_fit(model, learned, call=fit_call)
    if predict is not None:
        with quiet():
            output = getattr(model, predict)(*inputs)
        shape = output_shape if output_shape is not None else (len(inputs[0]),)
        expect_output_shape(output, shape, call=f"{predict} on {shape[0]} rows")
    return model
