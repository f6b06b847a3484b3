"""Checks of m05-pca: PCA from scratch, judged against scikit-learn's PCA (full SVD) and
against the learner's own attributes.

A principal axis is defined up to its sign: components are compared row by row after
aligning each row's sign with scikit-learn's, and scores column by column the same way.
Everything else (variances, ratios, singular values, reconstructions) does not depend on the
signs and is compared directly. The attributes must also agree with each other, computed
here from the learner's own `components_` and `mean_`: the variance of the data along each
axis is `explained_variance_`, the norm of the scores is `singular_values_`, the ratio divides
by the total variance of X, `fit_transform` is the model's own `transform`, and
`inverse_transform(Z)` is `Z @ components_ + mean_` for any Z. Every data set is generated
here with a fixed seed, except the 8 x 8 digits, which scikit-learn ships.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    CheckFailed,
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_raises,
    fail,
)
from airoadmap.grading.kit import estimator as est

Array = np.ndarray[Any, np.dtype[np.float64]]

LEARNED = (
    "components_",
    "explained_variance_",
    "explained_variance_ratio_",
    "singular_values_",
    "mean_",
)

# Any SVD or symmetric eigensolver agrees with scikit-learn to ~1e-12 on these data.
RTOL = 1e-6
ATOL = 1e-8


# --- helpers -------------------------------------------------------------------------------


def _model_class(ctx: Context) -> Any:
    return est.learner_class(ctx, "pca", "PCA")


def _reference(X: Array, k: int | None = None) -> Any:
    """scikit-learn's PCA with the full SVD (exact, whatever the shape of X)."""
    try:
        from sklearn.decomposition import PCA
    except ImportError as exc:
        raise GradingError(
            "m05-pca is graded against scikit-learn, which is not installed: "
            "pip install 'airoadmap[lab]'."
        ) from exc
    return PCA(n_components=k, svd_solver="full").fit(X)


def _fit(model: Any, X: Array) -> Any:
    """Fit quietly; X must stay unchanged and the learned attributes exist. The model."""
    est.fit(model, X, call="fit(X)")
    est.expect_learned_after_fit(model, LEARNED, call="fit(X)")
    return model


def _call(model: Any, method: str, *args: Any) -> Array:
    """model.<method>(*args) as a float array (a failure that says so when it is not)."""
    with est.quiet():
        value = getattr(model, method)(*args)
    if value is None:
        fail(f"{method} returned None. (Did you forget a return statement?)")
    try:
        return np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{method} returned {type(value).__name__}: it must return a NumPy array of numbers.")


def _array(model: Any, name: str) -> Array:
    value = getattr(model, name)
    try:
        array: Array = np.asarray(value, dtype=float)
    except (TypeError, ValueError):
        fail(f"{name} is {value!r}: it must be a NumPy array of numbers.")
    return array


def _data(seed: int, n: int, p: int, *, mean: float = 5.0) -> Array:
    """Correlated features with distinct variances and non-zero means."""
    rng = np.random.default_rng(seed)
    scales = np.linspace(3.0, 0.3, p)  # distinct variances: well-separated axes
    mixing = np.linalg.qr(rng.normal(size=(p, p)))[0]  # a random rotation
    X = (rng.normal(size=(n, p)) * scales) @ mixing.T
    return X + mean + rng.normal(size=p) * mean


def _align_rows(rows: Array, reference: Array) -> Array:
    """`rows` with each row's sign flipped to agree with the same row of `reference`."""
    signs = np.sign(np.einsum("ij,ij->i", rows, reference))
    signs[signs == 0] = 1.0
    return rows * signs[:, None]


def _components(model: Any, k: int, X: Array) -> Array:
    """components_ with the contract's shape, or a failure that names the usual mistake."""
    n, p = X.shape
    comp = _array(model, "components_")
    if comp.shape == (p, k) and k != p:
        fail(
            f"components_ has shape {comp.shape}: the contract stores one component per ROW, "
            f"shape (n_components, n_features) = ({k}, {p}). np.linalg.svd returns V^T "
            "(rows = axes); eigh returns eigenvectors as COLUMNS: transpose them."
        )
    if comp.shape in ((k, n), (n, k)) and n != p:
        fail(
            f"components_ has shape {comp.shape}, vectors of n_samples = {n} numbers: did you "
            "take the eigenvectors of X X^T (n_samples x n_samples)? The covariance is "
            f"X_c^T X_c / (n - 1), of shape (n_features, n_features) = ({p}, {p})."
        )
    expect(
        comp.shape == (k, p),
        f"components_ has shape {comp.shape}, expected (n_components, n_features) = ({k}, {p}).",
    )
    return comp


def _expect_components(model: Any, ref: Any, X: Array, *, what: str) -> None:
    """components_ equal scikit-learn's up to the sign of each row, with a diagnosis."""
    k = ref.components_.shape[0]
    comp = _components(model, k, X)
    want = ref.components_
    if np.allclose(_align_rows(comp, want), want, rtol=RTOL, atol=ATOL):
        return
    if comp.shape[0] == comp.shape[1] and np.allclose(
        _align_rows(comp.T, want), want, rtol=RTOL, atol=ATOL
    ):
        fail(
            f"components_ on {what} holds the axes as COLUMNS: the contract stores one axis per "
            "ROW (shape (n_components, n_features)). eigh returns eigenvectors as columns: "
            "transpose them; np.linalg.svd's Vt already has them as rows."
        )
    full = _reference(X)
    reversed_axes = full.components_[::-1][:k]
    if np.allclose(_align_rows(comp, reversed_axes), reversed_axes, rtol=RTOL, atol=ATOL):
        fail(
            f"components_ on {what} are the axes of SMALLEST variance first: np.linalg.eigh "
            "returns eigenvalues in increasing order. Sort them in decreasing order (with "
            "their eigenvectors) before keeping the first n_components."
        )
    uncentred = np.linalg.svd(X, full_matrices=False)[2][:k]
    if np.allclose(_align_rows(comp, uncentred), uncentred, rtol=1e-4, atol=1e-6):
        fail(
            f"components_ on {what} are the singular vectors of X itself, not of the centred "
            "data: subtract the mean of each feature first (X_c = X - X.mean(axis=0)). Without "
            "centring, the first axis points at the mean, not along the spread."
        )
    norms = np.linalg.norm(comp, axis=1)
    if not np.allclose(norms, 1.0, atol=1e-6):
        fail(
            f"components_ on {what} are not unit vectors (their norms are "
            f"{np.round(norms, 4).tolist()}): each axis is a direction of length 1, a row of "
            "V^T as np.linalg.svd returns it, not scaled by the singular values."
        )
    expect_close(
        _align_rows(comp, want),
        want,
        what=f"components_ on {what} (each row's sign aligned with scikit-learn's)",
        rtol=RTOL,
        atol=ATOL,
        note="They are the right singular vectors of the centred data, X_c = U S V^T: the "
        "rows of V^T, in decreasing order of singular value.",
    )


def _expect_rejected(PCA: Any, value: Any, X: Array, *, limit: str) -> None:
    """PCA(n_components=value).fit(X) raises ValueError (a TypeError for a non-int too)."""
    accepted: tuple[type[BaseException], ...] = (ValueError,)
    if not isinstance(value, int):
        accepted = (ValueError, TypeError)
    shape = f"{X.shape[0]} x {X.shape[1]}"
    try:
        with est.quiet():
            PCA(n_components=value).fit(X)
    except NotImplementedError:
        raise
    except accepted:
        return
    except Exception as exc:
        fail(
            f"PCA(n_components={value!r}).fit on {shape} data raised {type(exc).__name__}: "
            "raise ValueError instead."
        )
    fail(
        f"PCA(n_components={value!r}).fit on {shape} data raised nothing: n_components must be "
        f"None or an int from 1 to min(n_samples, n_features) = {limit}; raise ValueError "
        "otherwise."
    )


# --- the contract --------------------------------------------------------------------------


@check("__init__ stores n_components; transform before fit says to call fit", hint="api")
def init_and_unfitted(ctx: Context) -> None:
    PCA = _model_class(ctx)
    model = est.expect_init_stores_args(PCA, {"n_components": 3}, learned=LEARNED)
    default = getattr(PCA(), "n_components", "<missing>")
    expect(default is None, f"PCA().n_components is {default!r}: the default is None.")
    est.expect_predict_before_fit_says_fit(
        model, _data(0, 10, 4), method="transform", fit_call="fit(X)", attribute="components_"
    )


@check("fit returns self; the attributes have the contract's shapes", hint="api")
def fit_returns_self(ctx: Context) -> None:
    PCA = _model_class(ctx)
    X = _data(1, 60, 5)
    model = est.expect_fit_returns_self(PCA(n_components=3), X, call="fit(X)")
    _fit(model, X)
    _components(model, 3, X)
    for name, shape in (
        ("explained_variance_", (3,)),
        ("explained_variance_ratio_", (3,)),
        ("singular_values_", (3,)),
        ("mean_", (5,)),
    ):
        value = _array(model, name)
        expect(
            value.shape == shape,
            f"{name} has shape {value.shape}, expected {shape} (n_components=3, 5 features).",
        )
    wide = _data(11, 20, 50)
    for data, label, limit in ((X, "60 samples x 5 features", 5), (wide, "20 x 50", 20)):
        everything = _fit(PCA(), data)
        kept = _array(everything, "components_").shape[0]
        expect(
            kept == limit,
            f"PCA() (n_components=None) kept {kept} components of {label}: None keeps "
            f"min(n_samples, n_features) = {limit}.",
        )
        for name in LEARNED[1:4]:
            size = _array(everything, name).shape
            expect(
                size == (limit,),
                f"PCA() on {label}: {name} has shape {size}, expected ({limit},), one entry per "
                f"kept component (min(n_samples, n_features) = {limit}).",
            )
    for data, k, label in (
        (X, 1, "60 x 5, n_components=1"),
        (X, 5, "60 x 5, n_components=5"),
        (wide, 20, "20 x 50, n_components=20"),
        (X[:2, :3], None, "2 samples x 3 features"),
        (X[:, :1], None, "60 samples x 1 feature"),
    ):
        try:
            with est.quiet():
                fitted = _fit(PCA(n_components=k), data)
        except (NotImplementedError, CheckFailed):
            raise
        except Exception as exc:
            fail(
                f"PCA(n_components={k}).fit on {label} raised {type(exc).__name__}: {exc}. "
                "Any int from 1 to min(n_samples, n_features) (or None) is valid, from 2 "
                "samples and 1 feature up."
            )
        kept = min(data.shape) if k is None else k
        shape = _array(fitted, "components_").shape
        expect(
            shape == (kept, data.shape[1]),
            f"PCA(n_components={k}).fit on {label} left components_ of shape {shape}, expected "
            f"(n_components, n_features) = ({kept}, {data.shape[1]}).",
        )
    for bad, data, largest in ((6, X, "5"), (0, X, "5"), (21, wide, "20"), (1.5, X, "5")):
        _expect_rejected(PCA, bad, data, limit=largest)


# What a ValueError's message must mention, any one of the words, in any case: the brief asks
# it to name the problem, not a wording.
Words = tuple[str, ...]
NAMES_2D: Words = ("2-d", "2d", "two-dimensional", "dimension", "ndim", "reshape", "shape")
NAMES_EMPTY: Words = (
    "empty", "at least", "no row", "no column", "no sample", "no feature", "shape"
)
NAMES_NAN: Words = ("nan", "finite", "infinit", "missing")


def _expect_value_error(action: Any, *, call: str, names: Words, problem: str) -> None:
    """`action()` raises ValueError, with a message that mentions one of `names` (any case)."""
    note = f"Raise ValueError: {problem}."
    with est.quiet():
        expect_raises(ValueError, action, call=call, note=note, mentions_any=names, problem=problem)


@check("bad arguments and bad data raise ValueError naming the problem", hint="errors")
def invalid_input_raises(ctx: Context) -> None:
    PCA = _model_class(ctx)
    X = _data(17, 20, 4)
    nan, inf = X.copy(), X.copy()
    nan[3, 2], inf[5, 0] = np.nan, np.inf
    for value in (0, 5):
        _expect_value_error(
            lambda value=value: PCA(n_components=value).fit(X),
            call=f"PCA(n_components={value!r}).fit(X of shape (20, 4))",
            names=("n_components",),
            problem="n_components must be None or an int from 1 to min(n_samples, n_features) = 4",
        )
    for method in ("fit", "fit_transform"):
        for data, shown, names, problem in (
            (X[:, 0], "X of shape (20,)", NAMES_2D, "X must be 2-D"),
            (X[:, :0], "X of shape (20, 0)", (*NAMES_EMPTY, "feature", "column"), "no column"),
            (X[:1], "X of shape (1, 4)", ("sample", "row", "n - 1", "n-1"), "one sample only"),
            (nan, "X with a NaN", NAMES_NAN, "X holds NaN"),
            (inf, "X with an infinity", NAMES_NAN, "X holds infinity"),
        ):
            _expect_value_error(
                lambda method=method, data=data: getattr(PCA(), method)(data),
                call=f"PCA().{method}({shown})",
                names=names,
                problem=problem,
            )
    model = _fit(PCA(n_components=2), X)
    new = X[:5].copy()
    new[1, 1] = np.nan
    for method, data, shown, names, problem in (
        ("transform", X[:5, :3], "X of shape (5, 3)", ("feature", "column"),
         "X has 3 features, the model was fitted with 4"),
        ("transform", X[0], "X of shape (4,)", NAMES_2D, "X must be 2-D; one sample is "
         "x.reshape(1, -1)"),
        ("transform", new, "X with a NaN", NAMES_NAN, "X holds NaN"),
        ("transform", X[:0], "X of shape (0, 4)", (*NAMES_EMPTY, "sample", "row"), "no row"),
        ("inverse_transform", np.ones((5, 3)), "Z of shape (5, 3)", ("component", "column"),
         "Z has 3 columns, the model has n_components_ = 2"),
        ("inverse_transform", np.ones(2), "Z of shape (2,)", NAMES_2D, "Z must be 2-D"),
    ):
        _expect_value_error(
            lambda method=method, data=data: getattr(model, method)(data),
            call=f"{method}({shown}) after PCA(n_components=2).fit on 20 x 4",
            names=names,
            problem=problem,
        )


# --- what is learned -----------------------------------------------------------------------


@check("mean_ is the feature mean, and the data are centred before the SVD", hint="centering")
def centres_the_data(ctx: Context) -> None:
    PCA = _model_class(ctx)
    X = _data(2, 80, 4, mean=50.0)  # far from the origin: centring matters a lot
    model = _fit(PCA(n_components=2), X)
    expect_close(
        _array(model, "mean_"),
        X.mean(axis=0),
        what="mean_",
        rtol=1e-9,
        note="mean_ is the mean of each feature (column) of the training data: X.mean(axis=0).",
    )
    _expect_components(model, _reference(X, 2), X, what="data with feature means near 50")


@check("components_ match scikit-learn's, up to sign", hint="svd")
def components_match_sklearn(ctx: Context) -> None:
    PCA = _model_class(ctx)
    cases = {
        "200 samples x 6 features, 3 components": (_data(3, 200, 6), 3),
        "200 samples x 6 features, all components": (_data(3, 200, 6), None),
        "30 samples x 30 features, 4 components": (_data(4, 30, 30), 4),
        "20 samples x 50 features (wider than tall), 5 components": (_data(5, 20, 50), 5),
        "20 samples x 50 features, all components": (_data(5, 20, 50), None),
    }
    for label, (X, k) in cases.items():
        ref = _reference(X, k)
        model = _fit(PCA(n_components=k), X)
        comp = _components(model, ref.components_.shape[0], X)
        gram = comp @ comp.T
        if k is None and X.shape[0] < X.shape[1]:
            # The last axis of centred wide data has variance 0: any unit vector orthogonal to
            # the others is right, so only the first n - 1 are compared with scikit-learn's.
            expect(
                np.allclose(gram, np.eye(comp.shape[0]), atol=1e-8),
                f"components_ on {label} are not orthonormal (components_ @ components_.T "
                "should be the identity): the axes are unit vectors at right angles.",
            )
            comp_ref = ref.components_[:-1]
            expect_close(
                _align_rows(comp[:-1], comp_ref),
                comp_ref,
                what=f"components_ on {label} (the axes of non-zero variance, signs aligned)",
                rtol=RTOL,
                atol=ATOL,
            )
            continue
        _expect_components(model, ref, X, what=label)
        expect(
            np.allclose(gram, np.eye(comp.shape[0]), atol=1e-8),
            f"components_ on {label} are not orthonormal (components_ @ components_.T should be "
            "the identity): the axes are unit vectors at right angles to each other.",
        )


def _expect_variance_on_own_axes(model: Any, X: Array, *, label: str) -> None:
    """explained_variance_[j] is the sample variance of (X - mean_) @ components_[j]."""
    comp = _array(model, "components_")
    scores = (X - _array(model, "mean_")) @ comp.T
    expect_close(
        _array(model, "explained_variance_"),
        scores.var(axis=0, ddof=1),
        what=f"explained_variance_ on {label} against the variance of the data along your own "
        "components_",
        rtol=RTOL,
        atol=ATOL,
        note="explained_variance_[j] is the variance (n - 1) of the scores on axis j: the "
        "variances and the axes must come from the same decomposition, in the same order.",
    )


@check("explained_variance_ uses n - 1, as scikit-learn", hint="variance")
def explained_variance(ctx: Context) -> None:
    PCA = _model_class(ctx)
    for X, k, label in (
        (_data(6, 50, 5), 3, "50 x 5, 3 components"),
        (_data(7, 12, 8), None, "12 x 8, all components"),
    ):
        n = X.shape[0]
        ref = _reference(X, k)
        model = _fit(PCA(n_components=k), X)
        variance = _array(model, "explained_variance_")
        want = ref.explained_variance_
        if variance.shape == want.shape:
            if np.allclose(variance, want * (n - 1) / n, rtol=1e-6):
                fail(
                    f"explained_variance_ on {label} is divided by n = {n}: the contract (as "
                    "scikit-learn and np.cov) uses the sample variance, divided by n - 1 = "
                    f"{n - 1}: explained_variance_ = S**2 / (n - 1)."
                )
            if np.allclose(variance, want * (n - 1), rtol=1e-6):
                fail(
                    f"explained_variance_ on {label} is not divided by n - 1: the singular "
                    "values squared, S**2, are sums of squares; the variance is S**2 / (n - 1)."
                )
            if np.allclose(variance, np.sqrt(want * (n - 1)), rtol=1e-6):
                fail(
                    f"explained_variance_ on {label} holds the singular values S: the variance "
                    "along an axis is S**2 / (n - 1)."
                )
            if np.allclose(variance, want[::-1], rtol=1e-6) and k is None:
                fail(
                    f"explained_variance_ on {label} is in increasing order: sort the axes "
                    "by decreasing variance (np.linalg.eigh returns increasing eigenvalues)."
                )
        expect_close(
            variance,
            want,
            what=f"explained_variance_ on {label}",
            rtol=RTOL,
            atol=ATOL,
            note="The variance of the data along each axis: S**2 / (n - 1) from the SVD of the "
            "centred data (the eigenvalues of the covariance matrix).",
        )
        _expect_variance_on_own_axes(model, X, label=label)


@check("explained_variance_ratio_ divides by the total variance", hint="ratio")
def explained_variance_ratio(ctx: Context) -> None:
    PCA = _model_class(ctx)
    X = _data(8, 100, 6)
    ref = _reference(X, 2)
    model = _fit(PCA(n_components=2), X)
    ratio = _array(model, "explained_variance_ratio_")
    want = ref.explained_variance_ratio_
    if ratio.shape == want.shape and abs(float(ratio.sum()) - 1.0) < 1e-9:
        fail(
            f"explained_variance_ratio_ with 2 of 6 components sums to 1 ({ratio.round(4)}): "
            "it is divided by the variance of the KEPT components only. Divide by the total "
            f"variance of the data, all axes (here the two keep {want.sum():.1%})."
        )
    expect_close(
        ratio,
        want,
        what="explained_variance_ratio_ (2 of 6 components)",
        rtol=RTOL,
        atol=ATOL,
        note="explained_variance_ / total variance, where the total is the sum of the variances "
        "of all the features (X.var(axis=0, ddof=1).sum()), i.e. of all the axes.",
    )
    for data, k, label in (
        (X, 2, "100 x 6, 2 components"),
        (_data(12, 15, 40), 4, "15 x 40, 4 components"),
        (_data(16, 50, 4) * 0.01, 2, "50 x 4 of small variance (total 3e-4), 2 components"),
    ):
        own = _fit(PCA(n_components=k), data)
        expect_close(
            _array(own, "explained_variance_ratio_"),
            _array(own, "explained_variance_") / data.var(axis=0, ddof=1).sum(),
            what=f"explained_variance_ratio_ on {label} against your explained_variance_ / "
            "the total variance of X",
            rtol=RTOL,
            atol=ATOL,
            note="The ratio is explained_variance_ divided by X.var(axis=0, ddof=1).sum().",
        )
    for data, label in ((X, "100 x 6"), (_data(12, 15, 40), "15 x 40 (wider than tall)")):
        total = float(_array(_fit(PCA(), data), "explained_variance_ratio_").sum())
        expect(
            abs(total - 1.0) < 1e-9,
            f"With all components kept on {label}, explained_variance_ratio_ sums to "
            f"{total:.6g}: it must sum to 1 (all the variance is explained).",
        )
    constant = np.full((10, 3), 7.0)
    for kept in (None, 2):
        ratio = _array(_fit(PCA(n_components=kept), constant), "explained_variance_ratio_")
        expect(
            ratio.shape == (kept or 3,) and bool(np.all(ratio == 0.0)),
            f"On constant data (10 x 3, every entry 7.0), PCA(n_components={kept}) gives "
            f"explained_variance_ratio_ {ratio}: the total variance is 0, and the brief makes "
            "the ratios 0.0 then, not nan (0 / 0): divide only when the total is above 0.",
        )


@check("singular_values_ are the singular values of the centred data", hint="variance")
def singular_values(ctx: Context) -> None:
    PCA = _model_class(ctx)
    for X, k, label in (
        (_data(13, 70, 6), 3, "70 x 6, 3 components"),
        (_data(14, 10, 25), None, "10 x 25, all components"),
    ):
        n = X.shape[0]
        ref = _reference(X, k)
        model = _fit(PCA(n_components=k), X)
        values = _array(model, "singular_values_")
        want = ref.singular_values_
        if values.shape == want.shape and np.allclose(values, want**2, rtol=1e-6):
            fail(
                f"singular_values_ on {label} are squared: they are S from the SVD of the "
                "centred data, X_c = U S V^T (S**2 / (n - 1) is the variance)."
            )
        # An eigendecomposition gets a zero singular value as the square root of a rounding
        # error (about 1e-8 of the largest): the tolerance is relative to the largest.
        atol = max(ATOL, 1e-6 * float(want.max()))
        expect_close(
            values,
            want,
            what=f"singular_values_ on {label}",
            rtol=RTOL,
            atol=atol,
            note="S[:n_components] from np.linalg.svd of the centred data (sqrt((n - 1) * "
            "explained_variance_) from an eigendecomposition).",
        )
        scores = (X - _array(model, "mean_")) @ _array(model, "components_").T
        expect_close(
            values,
            np.linalg.norm(scores, axis=0),
            what=f"singular_values_ on {label} against the norms of the scores on your own "
            "components_",
            rtol=RTOL,
            atol=atol,
        )
        expect_close(
            _array(model, "explained_variance_"),
            values**2 / (n - 1),
            what=f"explained_variance_ on {label} against your singular_values_**2 / (n - 1)",
            rtol=RTOL,
            atol=ATOL,
        )


# --- using the axes ------------------------------------------------------------------------


@check("transform projects centred data on the axes", hint="transform")
def transform_matches_sklearn(ctx: Context) -> None:
    PCA = _model_class(ctx)
    X = _data(9, 150, 5)
    train, new = X[:100], X[100:] + 3.0  # new samples, with a different mean on purpose
    ref = _reference(train, 3)
    model = _fit(PCA(n_components=3), train)
    comp = _components(model, 3, train)
    mean = _array(model, "mean_")
    scores = est.expect_output_shape(
        _call(model, "transform", new),
        (50, 3),
        call="transform on 50 samples",
        note="It must be (n_samples, n_components).",
    )
    own = (new - mean) @ comp.T
    recentred = (new - new.mean(axis=0)) @ comp.T
    if not np.allclose(scores, own, rtol=RTOL, atol=ATOL) and np.allclose(
        scores, recentred, rtol=RTOL, atol=ATOL
    ):
        fail(
            "transform centres new data with THEIR OWN mean: it must subtract mean_, the mean "
            "of the training data (the axes and their origin belong to the fit). A single "
            "new sample would otherwise always map to 0."
        )
    expect_close(
        scores,
        own,
        what="transform(X_new)",
        rtol=RTOL,
        atol=ATOL,
        note="transform(X) = (X - mean_) @ components_.T.",
    )
    signs = np.sign(np.einsum("ij,ij->i", comp, ref.components_))
    expect_close(
        scores * signs,
        ref.transform(new),
        what="transform(X_new) (each column's sign aligned with scikit-learn's)",
        rtol=RTOL,
        atol=ATOL,
        note="Make the components_ check pass first.",
    )
    fresh = PCA(n_components=3)
    fitted = est.expect_output_shape(
        _call(fresh, "fit_transform", train),
        (100, 3),
        call="fit_transform on 100 samples",
        note="It must be (n_samples, n_components).",
    )
    expect_close(
        fitted,
        _call(fresh, "transform", train),
        what="fit_transform(X) against transform(X) of the same fitted model",
        rtol=RTOL,
        atol=ATOL,
        note="fit_transform(X) is fit(X) then transform(X): the same scores, with the same signs "
        "as the model's components_ (U * S from the SVD only if U's signs follow V^T's).",
    )
    expect_close(
        fitted * np.sign(np.einsum("ij,ij->i", _array(fresh, "components_"), ref.components_)),
        ref.transform(train),
        what="fit_transform(X) (each column's sign aligned with scikit-learn's)",
        rtol=RTOL,
        atol=ATOL,
    )


@check("inverse_transform maps scores back to the features", hint="inverse")
def inverse_transform_reconstructs(ctx: Context) -> None:
    PCA = _model_class(ctx)
    X = _data(10, 80, 6)
    full = _fit(PCA(), X)
    back = _call(full, "inverse_transform", _call(full, "transform", X))
    if back.shape == X.shape and np.allclose(back, X - X.mean(axis=0), atol=1e-6):
        fail(
            "inverse_transform(transform(X)) returns the CENTRED data: add mean_ back, "
            "inverse_transform(Z) = Z @ components_ + mean_."
        )
    expect_close(
        back,
        X,
        what="inverse_transform(transform(X)) with all components",
        rtol=1e-9,
        atol=1e-8,
        note="With every component kept the rotation is undone exactly: Z @ components_ + mean_.",
    )
    ref = _reference(X, 2)
    model = _fit(PCA(n_components=2), X)
    rebuilt = _call(model, "inverse_transform", _call(model, "transform", X))
    expect_close(
        rebuilt,
        ref.inverse_transform(ref.transform(X)),
        what="inverse_transform(transform(X)) with 2 of 6 components",
        rtol=RTOL,
        atol=1e-7,
        note="The projection on the 2 kept axes: Z @ components_ + mean_ (it does not depend on "
        "the signs of the axes).",
    )
    Z = np.random.default_rng(15).normal(size=(7, 2)) * 3.0
    expect_close(
        _call(model, "inverse_transform", Z),
        Z @ _array(model, "components_") + _array(model, "mean_"),
        what="inverse_transform(Z) of 7 arbitrary score rows",
        rtol=RTOL,
        atol=ATOL,
        note="inverse_transform maps ANY scores Z back: Z @ components_ + mean_.",
    )


@check("10 components keep as much of the digits' variance as scikit-learn's", hint="general")
def digits_compression(ctx: Context) -> None:
    from sklearn.datasets import load_digits

    PCA = _model_class(ctx)
    X = np.asarray(load_digits().data, dtype=float)  # (1797, 64) pixels 0..16
    ref = _reference(X, 10)
    model = _fit(PCA(n_components=10), X)
    kept = float(np.sum(_array(model, "explained_variance_ratio_")))
    rebuilt = _call(model, "inverse_transform", _call(model, "transform", X))
    error = float(np.mean((rebuilt - X) ** 2))
    ctx.record("reconstruction_mse_10", error)
    expect_close(
        kept,
        float(ref.explained_variance_ratio_.sum()),
        what="sum of explained_variance_ratio_ (digits, 10 of 64 components)",
        rtol=1e-6,
        note="Make the variance and ratio checks pass first.",
    )
    expect_bar(ctx, "variance_kept_10", kept)
    ref_error = float(np.mean((ref.inverse_transform(ref.transform(X)) - X) ** 2))
    expect_close(
        error,
        ref_error,
        what="mean squared reconstruction error of the digits with 10 components",
        rtol=1e-6,
        note="It is the variance left in the 54 dropped axes: make the transform and "
        "inverse_transform checks pass first.",
    )
