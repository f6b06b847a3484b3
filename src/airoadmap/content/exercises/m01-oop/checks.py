"""Checks for m01-oop: a Transformer class hierarchy, checked by how the classes behave.

Besides calling the learner's classes, several checks write small subclasses of them (as a
user of the library would) to see that the base class does the shared work, that `super()`
reaches it, and that `repr` and `from_params` follow the subclass. Expected numbers are
computed here, independently of the learner's code. Standard library only.
"""

from __future__ import annotations

import copy
import inspect
import math
from collections.abc import Callable
from types import ModuleType
from typing import Any

from airoadmap.grading.api import Context, check, expect, expect_equal, expect_raises, fail, short

MODULE = "transformers"


Table = list[list[float]]

# A training set and new rows; column 2 is constant, so its spread is 0.
TRAIN: Table = [[1.0, 10.0, 5.0], [2.0, 20.0, 5.0], [3.0, 60.0, 5.0], [6.0, 30.0, 5.0]]
NEW: Table = [[3.0, 30.0, 5.0], [0.0, 0.0, 0.0], [9.0, 100.0, 6.0]]


# -- helpers -----------------------------------------------------------------------------------


def _rows_close(actual: Any, expected: Table, *, call: str, note: str = "") -> None:
    """`actual` must be a list of lists of numbers, equal to `expected` up to rounding."""
    shown = f"{call} returned {short(actual)}"
    if actual is None:
        fail(f"{shown}, expected {expected!r}. (Did you forget a return statement?)")
    if type(actual).__module__ == "numpy":
        fail(f"{shown}, a NumPy array: return a list of lists (array.tolist()).")
    expect(
        isinstance(actual, list) and all(isinstance(row, list) for row in actual),
        f"{shown}, expected a list of lists like {expected!r}.",
    )
    expect(
        [len(row) for row in actual] == [len(row) for row in expected],
        f"{shown}, expected {len(expected)} rows of {len(expected[0])} values: {expected!r}.",
    )
    for row, want_row in zip(actual, expected, strict=True):
        for got, want in zip(row, want_row, strict=True):
            number = isinstance(got, int | float) and not isinstance(got, bool)
            if not (number and math.isclose(got, want, rel_tol=1e-9, abs_tol=1e-12)):
                fail(f"{shown}, expected {_rounded(expected)}. {note}".rstrip())


def _rounded(rows: Table) -> str:
    return repr([[round(x, 4) + 0.0 for x in row] for row in rows])


def _numbers_close(actual: Any, expected: list[float], *, what: str, note: str = "") -> None:
    """One number per column: a list, a tuple or a 1-D array all do."""
    try:
        values = [float(x) for x in actual]
    except (TypeError, ValueError):
        values = []
    ok = len(values) == len(expected) and all(
        math.isclose(a, e, rel_tol=1e-9, abs_tol=1e-12)
        for a, e in zip(values, expected, strict=True)
    )
    if not ok:
        want = [round(x, 6) for x in expected]
        fail(f"{what} is {short(actual)}, expected {want}. {note}".rstrip())


def _call(func: Callable[..., Any], *args: Any, call: str, note: str = "") -> Any:
    """Call learner code where the contract promises a value; a crash fails with `note`."""
    try:
        return func(*args)
    except NotImplementedError:
        raise
    except ZeroDivisionError as err:
        fail(
            f"{call} raised ZeroDivisionError ({err}): a constant column has a spread of 0. "
            "The contract says what to do instead (see the class docstring)."
        )
    except AttributeError as err:
        fail(f"{call} raised AttributeError ({err}). {note}".rstrip())


def _is_fitted(obj: Any, call: str) -> Any:
    return _call(
        lambda: obj.is_fitted,
        call=call,
        note="Does __init__ call super().__init__(), so the base class sets n_features_in_?",
    )


def _standard(rows: Table) -> tuple[list[float], list[float]]:
    """Column means and population standard deviations (0 replaced by 1)."""
    n = len(rows)
    means = [math.fsum(col) / n for col in zip(*rows, strict=True)]
    scales = []
    for col, mean in zip(zip(*rows, strict=True), means, strict=True):
        std = math.sqrt(math.fsum((x - mean) ** 2 for x in col) / n)
        scales.append(std if std > 1e-12 else 1.0)
    return means, scales


def _apply_standard(rows: Table, means: list[float], scales: list[float]) -> Table:
    return [[(x - m) / s for x, m, s in zip(r, means, scales, strict=True)] for r in rows]


def _apply_minmax(rows: Table, fitted_on: Table, low: float = 0.0, high: float = 1.0) -> Table:
    cols = list(zip(*fitted_on, strict=True))
    mins, maxs = [min(c) for c in cols], [max(c) for c in cols]
    return [
        [
            low + (x - lo) / (hi - lo) * (high - low) if hi > lo else low
            for x, lo, hi in zip(r, mins, maxs, strict=True)
        ]
        for r in rows
    ]


def _load(ctx: Context) -> ModuleType:
    """The learner's module; checks bind it as `t: Any`, so that they may subclass its
    classes (mypy accepts a base class only from a name declared Any)."""
    return ctx.load(MODULE)


def _build(cls: type, params: dict[str, Any]) -> Any:
    """`cls.from_params(params)`, where the contract promises an instance."""
    call = f"{cls.__name__}.from_params({params!r})"
    try:
        return cls.from_params(params)  # type: ignore[attr-defined]
    except NotImplementedError:
        raise
    except Exception as err:
        fail(
            f"{call} raised {type(err).__name__}({err}): build the class it was called on, "
            "`cls(**params)`, not a class named in the code."
        )


# -- the hierarchy -----------------------------------------------------------------------------


@check("the classes form a hierarchy under an abstract Transformer", hint="hierarchy")
def check_hierarchy(ctx: Context) -> None:
    t: Any = _load(ctx)
    instances = {
        "StandardScaler()": t.StandardScaler(),
        "MinMaxScaler()": t.MinMaxScaler(),
        "Pipeline([StandardScaler()])": t.Pipeline([t.StandardScaler()]),
    }
    for name in ("StandardScaler", "MinMaxScaler", "Pipeline"):
        cls = getattr(t, name)
        expect(
            isinstance(cls, type) and issubclass(cls, t.Transformer),
            f"{name} should be a subclass of Transformer: `class {name}(Transformer):`.",
        )
    expect(
        isinstance(inspect.getattr_static(t.Transformer, "is_fitted", None), property),
        "is_fitted should be a property (`@property`), read without parentheses: "
        "`if not self.is_fitted:`. A method would always be true in that test.",
    )
    for call, obj in instances.items():
        expect(isinstance(obj, t.Transformer), f"isinstance({call}, Transformer) is False.")
        fitted = _is_fitted(obj, f"{call}.is_fitted")
        expect(fitted is False, f"{call}.is_fitted is {fitted!r}, expected False before fit.")
    expect(
        issubclass(t.NotFittedError, ValueError),
        "NotFittedError should stay a subclass of ValueError (as it is in the starter).",
    )
    expect_raises(
        TypeError,
        t.Transformer,
        call="Transformer()",
        note="Transformer is abstract: keep `class Transformer(ABC)` and its @abstractmethod "
        "methods, so only complete subclasses can be built.",
    )

    class Half(t.Transformer):
        def _fit(self, rows: Table) -> None:
            pass

    expect_raises(
        TypeError,
        Half,
        call="Half() (a subclass with _fit only)",
        note="A subclass that lacks _transform or get_params must not be instantiable.",
    )
    scaler = instances["StandardScaler()"]
    try:
        scaler.is_fitted = True
    except AttributeError:
        pass
    else:
        fail("`scaler.is_fitted = True` worked: is_fitted should be a read-only property.")
    for name in ("StandardScaler", "MinMaxScaler", "Pipeline"):
        for method in ("fit", "transform", "fit_transform"):
            expect(
                method not in vars(getattr(t, name)),
                f"{name} defines its own {method}(): write it once, in Transformer, and let "
                f"{name} fill in only _fit and _transform (the template method pattern).",
            )


@check("Transformer does the shared work around _fit and _transform", hint="template")
def check_template_method(ctx: Context) -> None:
    t: Any = _load(ctx)
    received: list[Any] = []

    class Offset(t.Transformer):  # a user's transformer: only the hooks, nothing shared
        def get_params(self) -> dict[str, Any]:
            return {}

        def _fit(self, rows: Table) -> None:
            received.append(rows)
            self.first_ = list(rows[0])

        def _transform(self, rows: Table) -> Table:
            return [[x - f for x, f in zip(row, self.first_, strict=True)] for row in rows]

    class Broken(Offset):
        def _fit(self, rows: Table) -> None:
            raise RuntimeError("cannot learn from these rows")

    where = "on Offset, a subclass the check writes with only _fit, _transform and get_params"

    offset = Offset()
    expect(_is_fitted(offset, "Offset().is_fitted") is False, "Offset().is_fitted is not False.")
    expect_raises(
        t.NotFittedError,
        offset.transform,
        [[1.0, 2.0]],
        call=f"transform([[1.0, 2.0]]) before fit, {where},",
        mentions=("fit",),
        note="Transformer.transform should check is_fitted first and say to call fit.",
    )
    rows = ((1, 2), (3, 5))  # tuples of ints: fit must copy them with as_rows
    result = offset.fit(rows)
    expect(
        result is offset,
        f"fit(rows) returned {short(result)} {where}: return self, so calls chain "
        "(scaler.fit(rows).transform(rows)).",
    )
    expect(
        received == [[[1.0, 2.0], [3.0, 5.0]]] and type(received[0][0]) is list,
        f"fit(((1, 2), (3, 5))) passed {short(received)} to _fit {where}: pass it "
        "what as_rows(rows) returns (lists of floats), once.",
    )
    expect(_is_fitted(offset, "is_fitted after fit") is True, f"is_fitted is not True {where}.")
    expect_equal(
        getattr(offset, "n_features_in_", None), 2, call=f"n_features_in_ after fit {where}"
    )
    _rows_close(offset.transform([[2, 2], [1, 7]]), [[1.0, 0.0], [0.0, 5.0]], call="transform")
    expect_raises(
        ValueError,
        offset.transform,
        [[1.0, 2.0, 3.0]],
        call=f"transform([[1.0, 2.0, 3.0]]) after fitting on 2 columns, {where},",
        mentions=("3", "2"),
    )
    expect_raises(ValueError, offset.transform, [[1.0], [2.0, 3.0]], call="transform(ragged rows)")
    _rows_close(
        Offset().fit_transform([[1, 1], [2, 3]]),
        [[0.0, 0.0], [1.0, 2.0]],
        call=f"fit_transform([[1, 1], [2, 3]]) {where}",
    )
    fresh = Offset()
    expect_raises(ValueError, fresh.fit, [], call=f"fit([]) {where}")
    expect(
        _is_fitted(fresh, "is_fitted") is False,
        f"is_fitted became True after fit([]) failed {where}.",
    )
    broken = Broken()
    expect_raises(RuntimeError, broken.fit, [[1.0]], call="fit on a subclass whose _fit raises")
    expect(
        _is_fitted(broken, "is_fitted") is False,
        "is_fitted became True although _fit raised: set n_features_in_ only after _fit has "
        "succeeded, so a failed fit leaves the transformer unfitted.",
    )


# -- the scalers -------------------------------------------------------------------------------


@check(
    "StandardScaler centres and scales each column with the training statistics",
    hint="StandardScaler",
)
def check_standard_scaler(ctx: Context) -> None:
    t: Any = _load(ctx)
    train = copy.deepcopy(TRAIN)
    means, scales = _standard(TRAIN)
    scaler = t.StandardScaler()
    fitted = _call(scaler.fit, train, call=f"StandardScaler().fit({TRAIN})")
    expect(fitted is scaler, "StandardScaler().fit(rows) did not return the scaler itself.")
    expect(train == TRAIN, "StandardScaler().fit(rows) changed rows: only read them.")
    _numbers_close(getattr(scaler, "mean_", None), means, what="mean_ after fit")
    _numbers_close(
        getattr(scaler, "scale_", None),
        scales,
        what="scale_ after fit",
        note="scale_ is the population standard deviation (divide by n, not n - 1: "
        "statistics.pstdev), with 1.0 for a constant column.",
    )
    call = f"StandardScaler().fit(TRAIN).transform(TRAIN) with TRAIN = {TRAIN}"
    _rows_close(
        _call(scaler.transform, train, call=call),
        _apply_standard(TRAIN, means, scales),
        call=call,
    )
    expect(train == TRAIN, "transform(rows) changed rows: build new lists instead.")
    call = f"transform({NEW}) after fitting on TRAIN"
    _rows_close(
        _call(scaler.transform, NEW, call=call),
        _apply_standard(NEW, means, scales),
        call=call,
        note="New rows use the mean and spread learned in fit, not their own.",
    )
    no_mean = t.StandardScaler(with_mean=False)
    call = "StandardScaler(with_mean=False).fit_transform(TRAIN)"
    _rows_close(
        _call(no_mean.fit_transform, TRAIN, call=call),
        [[x / s for x, s in zip(row, scales, strict=True)] for row in TRAIN],
        call=call,
        note="Without the mean, transform only divides by the standard deviation.",
    )
    _rows_close(
        t.StandardScaler().fit_transform([[2.5], [2.5]]),
        [[0.0], [0.0]],
        call="StandardScaler().fit_transform([[2.5], [2.5]])",
    )


@check("MinMaxScaler maps each column's training range onto feature_range", hint="MinMaxScaler")
def check_minmax_scaler(ctx: Context) -> None:
    t: Any = _load(ctx)
    train = copy.deepcopy(TRAIN)
    scaler = t.MinMaxScaler()
    _call(scaler.fit, train, call=f"MinMaxScaler().fit({TRAIN})")
    expect(train == TRAIN, "MinMaxScaler().fit(rows) changed rows: only read them.")
    cols = list(zip(*TRAIN, strict=True))
    _numbers_close(getattr(scaler, "data_min_", None), [min(c) for c in cols], what="data_min_")
    _numbers_close(getattr(scaler, "data_max_", None), [max(c) for c in cols], what="data_max_")
    call = f"MinMaxScaler().fit_transform(TRAIN) with TRAIN = {TRAIN}"
    _rows_close(_call(scaler.transform, train, call=call), _apply_minmax(TRAIN, TRAIN), call=call)
    call = f"transform({NEW}) after fitting on TRAIN"
    _rows_close(
        _call(scaler.transform, NEW, call=call),
        _apply_minmax(NEW, TRAIN),
        call=call,
        note="New values outside the training range land outside feature_range: no clipping.",
    )
    wide = t.MinMaxScaler(feature_range=(-1, 1))
    call = "MinMaxScaler(feature_range=(-1, 1)).fit_transform(TRAIN)"
    _rows_close(
        _call(wide.fit_transform, TRAIN, call=call),
        _apply_minmax(TRAIN, TRAIN, -1.0, 1.0),
        call=call,
        note="Use feature_range: low + (x - min) / (max - min) * (high - low); low for a "
        "constant column.",
    )


@check("feature_range is a property that validates every assignment", hint="feature_range")
def check_feature_range(ctx: Context) -> None:
    t: Any = _load(ctx)
    expect(
        isinstance(inspect.getattr_static(t.MinMaxScaler, "feature_range", None), property),
        "MinMaxScaler.feature_range should be a property with a setter (`@property` and "
        "`@feature_range.setter`), so assigning it later is validated too.",
    )
    for args, expected in (((), (0.0, 1.0)), (([0, 10],), (0.0, 10.0)), (((-2, 3),), (-2.0, 3.0))):
        call = f"MinMaxScaler({', '.join(map(repr, args))}).feature_range"
        value = t.MinMaxScaler(*args).feature_range
        expect_equal(value, expected, call=call, note="Store a tuple of two floats.")
        expect(
            all(type(v) is float for v in value),
            f"{call} returned {value!r}: convert both numbers with float().",
        )
    bad_values: list[Any] = [
        (1, 0),
        (0, 0),
        (0,),
        (0, 1, 2),
        5,
        "ab",
        ("low", "high"),
        (0, math.nan),
        (0, math.inf),
    ]
    for bad in bad_values:
        expect_raises(
            ValueError,
            t.MinMaxScaler,
            bad,
            call=f"MinMaxScaler(feature_range={bad!r})",
            note="Accept exactly two finite numbers with low < high; turn other errors "
            "(TypeError from unpacking, ...) into ValueError.",
        )
    scaler = t.MinMaxScaler()
    expect_raises(
        ValueError, setattr, scaler, "feature_range", (2, 1), call="scaler.feature_range = (2, 1)"
    )
    expect_equal(
        scaler.feature_range,
        (0.0, 1.0),
        call="scaler.feature_range after the refused assignment",
        note="A refused value must leave the old one in place.",
    )
    scaler.feature_range = [-5, 5]
    expect_equal(scaler.feature_range, (-5.0, 5.0), call="feature_range after = [-5, 5]")
    _rows_close(
        scaler.fit_transform([[0], [1]]),
        [[-5.0], [5.0]],
        call="fit_transform([[0], [1]]) after scaler.feature_range = [-5, 5]",
    )


# -- subclasses, dunder methods, class methods ------------------------------------------------


@check("subclasses reach the base classes through super()", hint="super")
def check_super(ctx: Context) -> None:
    t: Any = _load(ctx)

    class Percent(t.MinMaxScaler):
        def __init__(self) -> None:
            super().__init__(feature_range=(0, 100))

    class Rounded(t.StandardScaler):
        def __init__(self, digits: int = 2, **kwargs: Any) -> None:
            super().__init__(**kwargs)
            self.digits = digits

        def get_params(self) -> dict[str, Any]:
            return {**super().get_params(), "digits": self.digits}

        def _transform(self, rows: Table) -> Table:
            return [[round(x, self.digits) for x in row] for row in super()._transform(rows)]

    percent = Percent()
    expect(
        _is_fitted(percent, "Percent().is_fitted") is False,
        "Percent().is_fitted is not False (Percent(MinMaxScaler) calls super().__init__).",
    )
    _rows_close(
        percent.fit_transform([[0], [5], [10]]),
        [[0.0], [50.0], [100.0]],
        call="Percent().fit_transform([[0], [5], [10]]), a MinMaxScaler subclass whose "
        "__init__ calls super().__init__(feature_range=(0, 100)),",
    )

    rounded = Rounded(digits=1, with_mean=False)
    what = "Rounded(digits=1, with_mean=False), a StandardScaler subclass that overrides _transform"
    expect(
        isinstance(rounded, t.StandardScaler) and isinstance(rounded, t.Transformer),
        f"{what} is not an instance of StandardScaler and Transformer.",
    )
    _, scales = _standard(TRAIN)
    expected = [[round(x / s, 1) for x, s in zip(row, scales, strict=True)] for row in TRAIN]
    _rows_close(
        rounded.fit_transform(TRAIN),
        expected,
        call=f"{what}: fit_transform(TRAIN)",
        note="Transformer.transform must call self._transform, so a subclass's override runs.",
    )
    expect_equal(
        repr(rounded),
        "Rounded(with_mean=False, digits=1)",
        call=f"repr({what})",
        note="Build repr in Transformer from type(self).__name__ and self.get_params(): a "
        "subclass then shows its own name and parameters.",
    )


@check("repr shows the constructor call; == compares class and state", hint="dunder")
def check_dunder(ctx: Context) -> None:
    t: Any = _load(ctx)
    reprs = [
        (t.StandardScaler(), "StandardScaler(with_mean=True)"),
        (t.StandardScaler(with_mean=False), "StandardScaler(with_mean=False)"),
        (t.MinMaxScaler(), "MinMaxScaler(feature_range=(0.0, 1.0))"),
        (t.MinMaxScaler(feature_range=[-1, 1]), "MinMaxScaler(feature_range=(-1.0, 1.0))"),
        (
            t.Pipeline([t.StandardScaler(), t.MinMaxScaler()]),
            "Pipeline(steps=[StandardScaler(with_mean=True), "
            "MinMaxScaler(feature_range=(0.0, 1.0))])",
        ),
    ]
    for obj, shown in reprs:
        expect_equal(repr(obj), shown, call=f"repr({shown})")

    small = [[1.0, 2.0], [3.0, 5.0]]
    other = [[0.0, 2.0], [3.0, 9.0]]
    fitted = t.StandardScaler().fit(small)
    cases: list[tuple[Any, Any, bool, str]] = [
        (t.StandardScaler(), t.StandardScaler(), True, "StandardScaler() == StandardScaler()"),
        (
            t.StandardScaler(),
            t.StandardScaler(with_mean=False),
            False,
            "StandardScaler() == StandardScaler(with_mean=False)",
        ),
        (t.StandardScaler(), t.MinMaxScaler(), False, "StandardScaler() == MinMaxScaler()"),
        (
            t.MinMaxScaler((0, 1)),
            t.MinMaxScaler([0.0, 1.0]),
            True,
            "MinMaxScaler((0, 1)) == MinMaxScaler([0.0, 1.0])",
        ),
        (fitted, t.StandardScaler(), False, "a fitted StandardScaler == an unfitted one"),
        (
            fitted,
            t.StandardScaler().fit(small),
            True,
            "two StandardScalers fitted on the same rows",
        ),
        (
            fitted,
            t.StandardScaler().fit(other),
            False,
            "two StandardScalers fitted on different rows",
        ),
        (fitted, fitted, True, "a scaler == itself"),
        (t.StandardScaler(), "StandardScaler(with_mean=True)", False, "StandardScaler() == a str"),
        (t.StandardScaler(), None, False, "StandardScaler() == None"),
    ]
    for left, right, expected, what in cases:
        try:
            result = left == right
        except NotImplementedError:
            raise
        except Exception as err:
            fail(
                f"{what} raised {type(err).__name__}({err}): for another class, __eq__ "
                "should return NotImplemented (then == is False), not crash."
            )
        expect(
            result is expected,
            f"{what} gave {result!r}, expected {expected!r}. Equal means: same class, and all "
            "attributes (vars()) equal, learned ones included.",
        )
    result = t.StandardScaler().__eq__(3)
    expect(
        result is NotImplemented,
        f"StandardScaler().__eq__(3) returned {result!r}, expected NotImplemented: it tells "
        "Python to ask the other object, and == then falls back to False.",
    )


@check("from_params is a class method that builds the class it is called on", hint="from_params")
def check_from_params(ctx: Context) -> None:
    t: Any = _load(ctx)
    expect(
        isinstance(inspect.getattr_static(t.Transformer, "from_params", None), classmethod),
        "Transformer.from_params should be a @classmethod defined once in Transformer: its "
        "first argument is the class it was called on.",
    )
    params: dict[str, Any] = {"with_mean": False}
    built = _build(t.StandardScaler, params)
    expect(
        type(built) is t.StandardScaler and built.with_mean is False,
        f"StandardScaler.from_params({{'with_mean': False}}) returned {built!r}, expected "
        "StandardScaler(with_mean=False).",
    )
    expect(params == {"with_mean": False}, "from_params changed the dict it was given.")
    built = _build(t.MinMaxScaler, {"feature_range": [-1, 1]})
    expect(
        type(built) is t.MinMaxScaler and built.feature_range == (-1.0, 1.0),
        f"MinMaxScaler.from_params({{'feature_range': [-1, 1]}}) returned {built!r}.",
    )
    built = _build(t.StandardScaler, {})
    expect(type(built) is t.StandardScaler, f"StandardScaler.from_params({{}}) gave {built!r}.")

    class Wide(t.MinMaxScaler):
        pass

    built = _build(Wide, {"feature_range": (0, 10)})
    expect(
        type(built) is Wide,
        f"Wide.from_params(...) returned a {type(built).__name__}, expected a Wide (a "
        "subclass of MinMaxScaler): build `cls(**params)`, not a class named in the code.",
    )
    built = _build(t.Pipeline, {"steps": [t.StandardScaler()]})
    expect(type(built) is t.Pipeline, f"Pipeline.from_params({{'steps': [...]}}) gave {built!r}.")
    for cls, bad in ((t.StandardScaler, "with_mena"), (t.MinMaxScaler, "feature_rnage")):
        expect_raises(
            ValueError,
            cls.from_params,
            {bad: (0, 1)},
            call=f"{cls.__name__}.from_params({{{bad!r}: ...}})",
            mentions=(bad,),
            note="A typo in a config should fail with a clear ValueError naming the key.",
        )


# -- Pipeline ----------------------------------------------------------------------------------


@check("Pipeline fits each step on the output of the step before", hint="Pipeline")
def check_pipeline(ctx: Context) -> None:
    t: Any = _load(ctx)
    means, scales = _standard(TRAIN)
    standardized = _apply_standard(TRAIN, means, scales)
    expected_train = _apply_minmax(standardized, standardized, -1.0, 1.0)
    expected_new = _apply_minmax(_apply_standard(NEW, means, scales), standardized, -1.0, 1.0)

    steps = [t.StandardScaler(), t.MinMaxScaler(feature_range=(-1, 1))]
    pipe = t.Pipeline(steps)
    what = "Pipeline([StandardScaler(), MinMaxScaler(feature_range=(-1, 1))])"
    expect(isinstance(pipe, t.Transformer), f"{what} is not a Transformer.")
    expect_raises(t.NotFittedError, pipe.transform, NEW, call=f"{what}.transform(rows) before fit")
    expect(pipe.fit(TRAIN) is pipe, f"{what}.fit(TRAIN) did not return the pipeline.")
    expect(
        all(_is_fitted(step, "step.is_fitted") is True for step in pipe.steps),
        f"After {what}.fit(TRAIN), not every step is fitted.",
    )
    _rows_close(
        pipe.transform(TRAIN),
        expected_train,
        call=f"{what}.fit(TRAIN).transform(TRAIN)",
        note="Fit each step on the output of the previous step, not on the raw rows.",
    )
    _rows_close(
        pipe.transform(NEW),
        expected_new,
        call=f"transform({NEW}) after {what}.fit(TRAIN)",
        note="transform must only apply what fit learned: calling fit (or fit_transform) "
        "on new rows leaks them into the model.",
    )
    _rows_close(
        t.Pipeline([t.StandardScaler(), t.MinMaxScaler((-1, 1))]).fit_transform(TRAIN),
        expected_train,
        call=f"{what}.fit_transform(TRAIN)",
    )
    nested = t.Pipeline([t.Pipeline([t.StandardScaler()]), t.MinMaxScaler((-1, 1))])
    _rows_close(
        nested.fit(TRAIN).transform(NEW),
        expected_new,
        call="Pipeline([Pipeline([StandardScaler()]), MinMaxScaler((-1, 1))]), a pipeline as "
        "a step, .fit(TRAIN).transform(NEW)",
    )

    steps = [t.StandardScaler()]
    pipe = t.Pipeline(steps)
    steps.append("not a step")
    expect(
        isinstance(pipe.steps, list) and len(pipe.steps) == 1,
        "Pipeline(steps) kept the caller's list: appending to that list changed the "
        "pipeline. Store a new list: list(steps).",
    )
    expect(
        isinstance(t.Pipeline((t.StandardScaler(),)).steps, list),
        "Pipeline((StandardScaler(),)).steps is not a list: store list(steps).",
    )
    expect_raises(ValueError, t.Pipeline, [], call="Pipeline([])", note="A pipeline needs a step.")
    expect_raises(
        TypeError,
        t.Pipeline,
        [t.StandardScaler(), "minmax"],
        call="Pipeline([StandardScaler(), 'minmax'])",
        mentions=("1",),
        note="Check every step with isinstance(step, Transformer); name its position.",
    )
    expect_raises(
        TypeError,
        t.Pipeline,
        [t.StandardScaler],
        call="Pipeline([StandardScaler]) (the class, not an instance)",
        mentions=("0",),
    )
