"""Checks of m05-pca: PCA from scratch, judged against scikit-learn's PCA (full SVD).

A principal axis is defined up to its sign: components are compared row by row after
aligning each row's sign with scikit-learn's, and scores column by column the same way.
Everything else (variances, ratios, reconstructions) does not depend on the signs and is
compared directly. Every data set is generated here with a fixed seed, except the 8 x 8
digits, which scikit-learn ships.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from types import ModuleType
from typing import Any

import numpy as np

from airoadmap.errors import GradingError
from airoadmap.grading.api import Context, check, expect, expect_close, fail

Array = np.ndarray[Any, np.dtype[np.float64]]

LEARNED = ("components_", "explained_variance_", "explained_variance_ratio_", "mean_")

# Any SVD or symmetric eigensolver agrees with scikit-learn to ~1e-12 on these data.
RTOL = 1e-6
ATOL = 1e-8

# The digits check: 10 components keep this fraction of the variance (scikit-learn: 0.7382).
DIGITS_KEPT_BAR = 0.73


# --- helpers -------------------------------------------------------------------------------


def _model_class(ctx: Context) -> Any:
    module: ModuleType = ctx.load("pca")
    cls: Any = getattr(module, "PCA", None)
    if cls is None:
        fail("pca.py defines no class PCA: keep the class name of the starter.")
    return cls


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


@contextmanager
def _quiet() -> Iterator[None]:
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        yield


def _fit(model: Any, X: Array) -> Any:
    """Fit, check the input is untouched and the learned attributes exist; return the model."""
    given = X.copy()
    with _quiet():
        model.fit(X)
    expect(
        np.array_equal(X, given),
        "fit changed the X it was given (an in-place operation such as X -= mean): work on a "
        "new array (Xc = X - mean), the caller's data must stay as it was.",
    )
    for name in LEARNED:
        if not hasattr(model, name):
            fail(f"After fit, the model has no {name}: set self.{name} in fit.")
    return model


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
    expect_close(
        _align_rows(comp, want),
        want,
        what=f"components_ on {what} (each row's sign aligned with scikit-learn's)",
        rtol=RTOL,
        atol=ATOL,
        note="They are the right singular vectors of the centred data, X_c = U S V^T: the "
        "rows of V^T, in decreasing order of singular value.",
    )


# --- the contract --------------------------------------------------------------------------


@check("__init__ stores n_components; transform before fit says to call fit", hint="api")
def init_and_unfitted(ctx: Context) -> None:
    PCA = _model_class(ctx)
    model = PCA(n_components=3)
    stored = getattr(model, "n_components", "<missing>")
    expect(
        stored == 3,
        f"PCA(n_components=3).n_components is {stored!r}: __init__ should store its argument "
        "as an attribute of the same name (scikit-learn convention).",
    )
    default = getattr(PCA(), "n_components", "<missing>")
    expect(default is None, f"PCA().n_components is {default!r}: the default is None.")
    for name in LEARNED:
        expect(
            not hasattr(model, name),
            f"A model that was never fitted already has {name}: learned attributes (ending in "
            "_) are set by fit, so that an unfitted model can be told apart.",
        )
    X = _data(0, 10, 4)
    try:
        result = PCA(n_components=2).transform(X)
    except NotImplementedError:
        raise
    except Exception as exc:
        expect(
            "fit" in str(exc).lower(),
            f"transform before fit raised {type(exc).__name__}({str(exc)!r}): the message "
            "should say to call fit(X) first, e.g. check hasattr(self, 'components_').",
        )
    else:
        fail(
            f"transform before fit returned an array of shape {np.shape(result)}: it should "
            "raise an error that says to call fit(X) first."
        )


@check("fit returns self; the attributes have the contract's shapes", hint="api")
def fit_returns_self(ctx: Context) -> None:
    PCA = _model_class(ctx)
    X = _data(1, 60, 5)
    model = PCA(n_components=3)
    with _quiet():
        returned = model.fit(X)
    expect(
        returned is model,
        f"fit returned {returned!r}, not the model itself: end fit with `return self`, so that "
        "calls chain: PCA(2).fit(X).transform(X).",
    )
    _fit(model, X)
    _components(model, 3, X)
    for name, shape in (
        ("explained_variance_", (3,)),
        ("explained_variance_ratio_", (3,)),
        ("mean_", (5,)),
    ):
        value = _array(model, name)
        expect(
            value.shape == shape,
            f"{name} has shape {value.shape}, expected {shape} (n_components=3, 5 features).",
        )
    everything = _fit(PCA(), X)
    kept = _array(everything, "components_").shape[0]
    expect(
        kept == 5,
        f"PCA() (n_components=None) kept {kept} components of 60 samples x 5 features: None "
        "keeps min(n_samples, n_features) = 5.",
    )
    for bad in (6, 0):
        try:
            with _quiet():
                PCA(n_components=bad).fit(X)
        except NotImplementedError:
            raise
        except ValueError:
            continue
        except Exception as exc:
            fail(
                f"PCA(n_components={bad}).fit on 5 features raised {type(exc).__name__}: raise "
                "ValueError instead."
            )
        fail(
            f"PCA(n_components={bad}).fit on 60 x 5 data raised nothing: n_components must be "
            "from 1 to min(n_samples, n_features) = 5; raise ValueError otherwise."
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
    }
    for label, (X, k) in cases.items():
        ref = _reference(X, k)
        model = _fit(PCA(n_components=k), X)
        _expect_components(model, ref, X, what=label)
        comp = _array(model, "components_")
        gram = comp @ comp.T
        expect(
            np.allclose(gram, np.eye(comp.shape[0]), atol=1e-8),
            f"components_ on {label} are not orthonormal (components_ @ components_.T should be "
            "the identity): the axes are unit vectors at right angles to each other.",
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
    everything = _fit(PCA(), X)
    total = float(_array(everything, "explained_variance_ratio_").sum())
    expect(
        abs(total - 1.0) < 1e-9,
        f"With all components kept, explained_variance_ratio_ sums to {total:.6g}: it must sum "
        "to 1 (all the variance is explained).",
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
    with _quiet():
        scores = np.asarray(model.transform(new), dtype=float)
    expect(
        scores.shape == (50, 3),
        f"transform on 50 samples returned shape {scores.shape}: it must be (n_samples, "
        "n_components) = (50, 3).",
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
    with _quiet():
        fitted = np.asarray(PCA(n_components=3).fit_transform(train), dtype=float)
    expect(
        fitted.shape == (100, 3),
        f"fit_transform returned shape {fitted.shape}: it must be (n_samples, n_components).",
    )
    expect_close(
        np.abs(fitted),
        np.abs(ref.transform(train)),
        what="fit_transform(X) (up to sign)",
        rtol=RTOL,
        atol=ATOL,
        note="fit_transform(X) is fit(X) then transform(X) (or U * S from the SVD).",
    )


@check("inverse_transform maps scores back to the features", hint="inverse")
def inverse_transform_reconstructs(ctx: Context) -> None:
    PCA = _model_class(ctx)
    X = _data(10, 80, 6)
    full = _fit(PCA(), X)
    with _quiet():
        back = np.asarray(full.inverse_transform(full.transform(X)), dtype=float)
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
    with _quiet():
        rebuilt = np.asarray(model.inverse_transform(model.transform(X)), dtype=float)
    expect_close(
        rebuilt,
        ref.inverse_transform(ref.transform(X)),
        what="inverse_transform(transform(X)) with 2 of 6 components",
        rtol=RTOL,
        atol=1e-7,
        note="The projection on the 2 kept axes: Z @ components_ + mean_ (it does not depend on "
        "the signs of the axes).",
    )


@check(f"10 components keep at least {DIGITS_KEPT_BAR:.0%} of the digits' variance", hint="general")
def digits_compression(ctx: Context) -> None:
    from sklearn.datasets import load_digits

    PCA = _model_class(ctx)
    X = np.asarray(load_digits().data, dtype=float)  # (1797, 64) pixels 0..16
    ref = _reference(X, 10)
    model = _fit(PCA(n_components=10), X)
    kept = float(np.sum(_array(model, "explained_variance_ratio_")))
    ctx.record("variance_kept_10", kept)
    with _quiet():
        rebuilt = np.asarray(model.inverse_transform(model.transform(X)), dtype=float)
    error = float(np.mean((rebuilt - X) ** 2))
    ctx.record("reconstruction_mse_10", error)
    expect_close(
        kept,
        float(ref.explained_variance_ratio_.sum()),
        what="sum of explained_variance_ratio_ (digits, 10 of 64 components)",
        rtol=1e-6,
        note="Make the variance and ratio checks pass first.",
    )
    expect(
        kept >= DIGITS_KEPT_BAR,
        f"10 components keep {kept:.1%} of the variance of the digits; the bar is "
        f"{DIGITS_KEPT_BAR:.0%}.",
    )
    ref_error = float(np.mean((ref.inverse_transform(ref.transform(X)) - X) ** 2))
    expect_close(
        error,
        ref_error,
        what="mean squared reconstruction error of the digits with 10 components",
        rtol=1e-6,
        note="It is the variance left in the 54 dropped axes: make the transform and "
        "inverse_transform checks pass first.",
    )
