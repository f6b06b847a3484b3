"""Checks of m05-kmeans: K-Means from scratch, judged against scikit-learn and against itself.

Every data set is generated here with a fixed seed. From the same initial centers Lloyd's
algorithm is deterministic, so the learner's centers and `n_iter_` must equal scikit-learn's
`KMeans(algorithm="lloyd")` iteration by iteration. Every fit is also judged against the
learner's own parameters: `labels_` are the nearest of the kept `cluster_centers_`, `inertia_`
is their sum of squared distances recomputed here, a converged run ends on a fixed point of
Lloyd's step, and `n_iter_` is the count of the kept run (refitting with `max_iter=n_iter_`
gives the same clustering, with two fewer it does not).

The seeding is random, so some checks are statistical: they fit with the seeds 0, 1, 2, ...
and count outcomes. Each first makes sure the learner's fit is reproducible under a seed (an
unseeded fit fails the same way every time), so every verdict is deterministic. The bars have
a stated power: a correct solution fails them with probability at most 1e-4 (most far less),
the targeted look-alike passes them with probability at most 1e-3; the computation is next
to each bar, and `tests/content/test_m05_kmeans.py` recomputes it.
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

LEARNED = ("cluster_centers_", "labels_", "inertia_", "n_iter_")
DEFAULTS = {
    "n_clusters": 8,
    "init": "k-means++",
    "n_init": 10,
    "max_iter": 300,
    "tol": 1e-4,
    "random_state": None,
}

# The learner's inertia after an empty cluster, from the same start as scikit-learn, may
# exceed scikit-learn's by this factor (both move the empty center to the farthest sample;
# scikit-learn also takes that sample out of its old cluster, a detail the brief leaves open).
EMPTY_RATIO_BAR = 1.01

# k-means++ against random init, n_init=1, on 10 blobs on a circle (`_circle`), seeds 0..9.
# A run "finds the blobs" when its inertia is within 1% of the best. Measured over 500 seeds:
# greedy k-means++ 1.000, plain k-means++ 0.980, random init 0.07. k-means++ must find them
# in at least 6 runs of 10: a correct one fails with P(Bin(10, 0.98) <= 5) < 1e-6; random
# init must not in more than 5: a correct one fails with P(Bin(10, 0.07) >= 6) = 2e-5, and
# "random" seeding used for "k-means++" (or the reverse) passes with at most that probability.
KMEANSPP_MIN_HITS = 6

# The D^2 rule, on two data sets of three groups (`_three_groups`), k=2, n_init=1, max_iter=1:
# A (1000 samples near the origin), B (100 near a point at distance 1 or 3) and C (one sample
# far away). The observation: is C's sample one of the two seeds? (Then after one Lloyd step a
# center sits on it: no other sample is nearer to it than to the other center.) With the first
# pick uniform, P(C seeded) = 1/n + sum over groups g of P(first in g) * P(next is C | g):
# - FAR (C at (25, 0), B at (0, 1)): from A, D^2 weighs C 625 against B's 100 (D: 25 against
#   100). P(C seeded): plain k-means++ 0.819, greedy (2 + ln k candidates, keeping the one that
#   lowers sum D^2 most) 0.905, D instead of D^2 0.185, uniform 0.002. Bar: at least 20 of 40
#   seeds. P(Bin(40, 0.819) < 20) = 1e-6 (greedy: 7e-12), P(Bin(40, 0.185) >= 20) = 6e-6.
# - FARTHEST (C at (10, 0), B at (0, 3), C listed first): from A, D^2 weighs C 100 against
#   B's 900, and the greedy rule prefers B. P(C seeded): plain 0.093, greedy 0.010, D 0.031;
#   farthest-point seeding (the farthest sample, not a draw) 1, and a first pick that is not
#   uniform but X[0] gives 1 too. Bar: at most 10 of 20 seeds. P(Bin(20, 0.093) > 10) = 3e-7;
#   farthest-point seeding passes with probability 0.
D2_FAR_SEEDS, D2_FAR_MIN = 40, 20
D2_FARTHEST_SEEDS, D2_FARTHEST_MAX = 20, 10

# n_init, for each init, on 200 uniform points (`_uniform`), k=8, max_iter=3, seeds 0..39: a
# fit with n_init=20 and seed s against one run with seed s + 1000. Each short run ends at its
# own inertia (no ties), so the best of 20 independent runs is below an independent 21st with
# probability exactly 20/21. At least 31 of 40 wins: a correct solution fails with
# P(Bin(40, 20/21) <= 30) = 1.4e-5; ignoring n_init, keeping the last run or any run chosen
# without looking at the inertia wins with probability 1/2: P(Bin(40, 1/2) >= 31) = 3.4e-4.
N_INIT_SEEDS, N_INIT_RUNS, N_INIT_MIN_WINS = 40, 20, 31


# --- helpers -------------------------------------------------------------------------------


def _model_class(ctx: Context) -> Any:
    return est.learner_class(ctx, "kmeans", "KMeans")


def _sklearn_kmeans() -> Any:
    try:
        from sklearn.cluster import KMeans
    except ImportError as exc:
        raise GradingError(
            "m05-kmeans is graded against scikit-learn, which is not installed: "
            "pip install 'airoadmap[lab]'."
        ) from exc
    return KMeans


def _reference(X: Array, k: int, **kwargs: Any) -> Any:
    """scikit-learn's Lloyd K-Means on X, on one thread (OpenMP threads that spin on a busy
    machine make small fits take seconds; the sandbox runs single-threaded anyway)."""
    from threadpoolctl import threadpool_limits

    with est.quiet(), threadpool_limits(limits=1):
        return _sklearn_kmeans()(n_clusters=k, algorithm="lloyd", **kwargs).fit(X)


def _fit(model: Any, X: Array) -> Any:
    """Fit quietly; X must stay unchanged and the learned attributes exist. The model."""
    est.fit(model, X, call="fit(X)")
    est.expect_learned_after_fit(model, LEARNED, call="fit(X)")
    return model


def _fit_valid(model: Any, X: Array, *, what: str) -> Any:
    """_fit for a call the contract allows: an exception from it fails, saying so."""
    try:
        return _fit(model, X)
    except (NotImplementedError, CheckFailed):
        raise
    except Exception as exc:
        fail(
            f"{what}.fit(X) on {X.shape[0]} x {X.shape[1]} data raised {type(exc).__name__}: "
            f"{exc}. The call is valid: any n_clusters from 1 to n_samples, any number of "
            "features from 1."
        )


def _fit_from(KMeans: Any, X: Array, init: Array, **kwargs: Any) -> Any:
    """Fit from given initial centers (init as an array), failing clearly if unsupported."""
    k = init.shape[0]
    given = init.copy()
    try:
        model = _fit(KMeans(n_clusters=k, init=given, n_init=1, **kwargs), X)
    except (NotImplementedError, CheckFailed):
        raise
    except Exception as exc:
        try:  # does the same fit work with the default init? Then the array is the problem.
            _fit(KMeans(n_clusters=k, n_init=1, random_state=0, **kwargs), X)
        except Exception:
            raise exc from None
        fail(
            f"KMeans(init=<array of shape {init.shape}>, ...).fit(X) raised "
            f"{type(exc).__name__}: {exc}. init may be an array of initial centers, one row per "
            "cluster: start Lloyd's iterations from exactly those centers (one run)."
        )
    expect(
        np.array_equal(given, init),
        "fit changed the init array it was given (the centers were updated in place): start "
        "from a copy, centers = np.array(self.init, dtype=float).",
    )
    return model


def _centers(model: Any, k: int, n_features: int) -> Array:
    centers = np.asarray(model.cluster_centers_, dtype=float)
    expect(
        centers.shape == (k, n_features),
        f"cluster_centers_ has shape {centers.shape}: it must be (n_clusters, n_features) = "
        f"({k}, {n_features}), one row per center.",
    )
    expect(
        bool(np.all(np.isfinite(centers))),
        "cluster_centers_ holds NaN or infinity: is a cluster empty? The mean of no sample is "
        "NaN; move an empty cluster's center to a sample instead (see the brief).",
    )
    return centers


def _labels(model: Any, n_samples: int) -> np.ndarray:
    labels = np.asarray(model.labels_)
    expect(
        labels.shape == (n_samples,) and np.issubdtype(labels.dtype, np.integer),
        f"labels_ has shape {labels.shape} and dtype {labels.dtype}: it must be an integer "
        f"array of shape (n_samples,) = ({n_samples},).",
    )
    return labels


def _n_iter(model: Any, max_iter: int) -> int:
    n_iter = model.n_iter_
    expect(
        isinstance(n_iter, int | np.integer) and bool(1 <= n_iter <= max_iter),
        f"n_iter_ is {n_iter!r} after a fit with max_iter={max_iter}: it must be the number of "
        "iterations the kept run made, an int from 1 to max_iter.",
    )
    return int(n_iter)


def _sq_dist(X: Array, centers: Array) -> Array:
    """Squared distances (n_samples, k), computed directly (no expansion)."""
    return ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2)


def _inertia_of(X: Array, centers: Array) -> float:
    """The inertia of `centers` on X, computed here: sum of squared distances to the nearest."""
    return float(_sq_dist(X, centers).min(axis=1).sum())


def _expect_consistent(model: Any, X: Array, k: int, *, what: str, max_iter: int = 300) -> None:
    """The kept run's attributes agree: labels_ are the nearest of cluster_centers_, inertia_
    is their sum of squared distances (recomputed here), n_iter_ is within 1 .. max_iter."""
    centers = _centers(model, k, X.shape[1])
    labels = _labels(model, X.shape[0])
    expect(
        labels.min() >= 0 and labels.max() < k,
        f"labels_ of {what} run from {labels.min()} to {labels.max()}: they must be cluster "
        f"indices 0 .. {k - 1} (rows of cluster_centers_).",
    )
    dist = _sq_dist(X, centers)
    own = dist[np.arange(X.shape[0]), labels]
    nearest = dist.min(axis=1)
    wrong = np.flatnonzero(own > nearest * (1 + 1e-9) + 1e-12)
    if wrong.size:
        i = int(wrong[0])
        fail(
            f"labels_ of {what} do not match cluster_centers_: {wrong.size} samples are not "
            f"labelled with their nearest center (sample {i}: label {labels[i]}, nearest "
            f"{int(dist[i].argmin())}). After the last center update, assign the samples again, "
            "so that labels_ and inertia_ describe the final centers (of the kept run)."
        )
    inertia = float(model.inertia_)
    expected = float(nearest.sum())
    unsquared = float(np.sqrt(nearest).sum())
    if abs(inertia - unsquared) <= 1e-6 * unsquared and abs(expected - unsquared) > 1e-3:
        fail(
            f"inertia_ of {what} is {inertia:.6g}, the sum of the (unsquared) distances: the "
            f"inertia is the sum of SQUARED distances to the nearest center ({expected:.6g})."
        )
    expect_close(
        inertia,
        expected,
        what=f"inertia_ of {what}",
        rtol=1e-6,
        note="inertia_ = sum over samples of the squared distance to its center, "
        "((X - cluster_centers_[labels_]) ** 2).sum(), for the centers and labels you keep.",
    )
    _n_iter(model, max_iter)


def _lloyd_step(X: Array, centers: Array) -> Array:
    """One iteration of the contract from `centers`: assign, then move to the means (an empty
    cluster to the farthest sample, the next farthest for the next empty cluster)."""
    dist = _sq_dist(X, centers)
    labels = dist.argmin(axis=1)
    k = centers.shape[0]
    counts = np.bincount(labels, minlength=k)
    sums = np.zeros_like(centers)
    np.add.at(sums, labels, X)
    new = centers.copy()
    filled = counts > 0
    new[filled] = sums[filled] / counts[filled, None]
    empty = np.flatnonzero(~filled)
    if empty.size:
        far = np.argsort(-dist[np.arange(X.shape[0]), labels], kind="stable")
        new[empty] = X[far[: empty.size]]
    return new


def _blobs(seed: int, centers: list[tuple[float, ...]], per: int, std: float = 1.0) -> Array:
    """Gaussian blobs: `per` samples around each center."""
    rng = np.random.default_rng(seed)
    return np.vstack([np.asarray(c) + std * rng.normal(size=(per, len(c))) for c in centers])


def _make_blobs(**kwargs: Any) -> Array:
    from sklearn.datasets import make_blobs

    X, _ = make_blobs(**kwargs)
    return np.asarray(X, dtype=float)


def _lloyd_data() -> Array:
    return _make_blobs(n_samples=600, centers=4, cluster_std=2.5, random_state=21)


def _circle(seed: int = 4, k: int = 10, radius: float = 50.0) -> Array:
    """k tight blobs of 30 samples, evenly spaced on a circle."""
    angles = 2 * np.pi * np.arange(k) / k
    return _blobs(
        seed, list(zip(radius * np.cos(angles), radius * np.sin(angles), strict=True)), 30, 0.5
    )


def _uniform(n: int = 500) -> Array:
    """n uniform points: many local optima, and a short run keeps the mark of its start."""
    return np.random.default_rng(8).uniform(size=(n, 2))


def _three_groups(c: tuple[float, float], b: tuple[float, float], b_size: int) -> Array:
    """The single sample C (row 0), then A: 1000 samples near the origin, then B: b_size
    samples near b (jitter 0.01, so that no two samples coincide)."""
    rng = np.random.default_rng(0)
    A = 0.01 * rng.normal(size=(1000, 2))
    B = np.asarray(b) + 0.01 * rng.normal(size=(b_size, 2))
    return np.vstack([np.asarray([c], dtype=float), A, B])


def _expect_seeded(KMeans: Any, *, init: str, n_init: int) -> None:
    """The same random_state gives the same clustering, another one (almost surely) another.

    On 500 uniform points with k=8 and max_iter=3 the clustering keeps the mark of the
    seeding: two different seedings give the same centers with probability far below 1e-12,
    so a fit that ignores random_state (or draws from the global np.random state) fails here,
    always, and the statistical checks that call this first give the same verdict every time.
    """
    X = _uniform()
    settings = {"n_clusters": 8, "init": init, "n_init": n_init, "max_iter": 3}
    first = _fit(KMeans(random_state=42, **settings), X)
    centers = _centers(first, 8, 2).copy()
    labels = np.asarray(first.labels_).copy()
    again = _fit(KMeans(random_state=42, **settings), X)
    shown = f'init="{init}", n_init={n_init}'
    expect(
        np.array_equal(np.asarray(again.cluster_centers_, dtype=float), centers)
        and np.array_equal(np.asarray(again.labels_), labels),
        f"Two models with random_state=42 ({shown}) found different clusters: draw every "
        "random number from rng = np.random.default_rng(self.random_state), not from "
        "np.random.* directly (their global state changes at each call).",
    )
    _fit(first, X)
    expect(
        np.array_equal(np.asarray(first.cluster_centers_, dtype=float), centers),
        f"Fitting the same model twice with random_state=42 ({shown}) gave different clusters: "
        "create the generator in fit (not in __init__), so that every fit starts from the seed.",
    )
    other = _fit(KMeans(random_state=7, **settings), X)
    expect(
        not np.array_equal(np.asarray(other.cluster_centers_, dtype=float), centers),
        f"random_state=7 and random_state=42 ({shown}) gave exactly the same clustering: the "
        "seeding ignores random_state. Create rng = np.random.default_rng(self.random_state) "
        "in fit and draw every seeding from it.",
    )


# --- the contract --------------------------------------------------------------------------


@check("__init__ stores its arguments; predict before fit says to call fit", hint="api")
def init_and_unfitted(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    given = {
        "n_clusters": 5,
        "init": "random",
        "n_init": 3,
        "max_iter": 50,
        "tol": 1e-3,
        "random_state": 7,
    }
    model = est.expect_init_stores_args(KMeans, given, learned=LEARNED)
    est.expect_init_stores_args(KMeans, {"init": np.zeros((3, 2))}, learned=LEARNED)
    defaults = KMeans()
    for name, value in DEFAULTS.items():
        stored = getattr(defaults, name, "<missing>")
        expect(
            stored is None if value is None else stored == value,
            f"KMeans().{name} is {stored!r}: the default is {value!r} (as in the contract).",
        )
    X = _blobs(0, [(0.0, 0.0)], 10)
    est.expect_predict_before_fit_says_fit(
        model, X, fit_call="fit(X)", attribute="cluster_centers_"
    )


@check("fit returns self; the learned attributes have the contract's shapes", hint="api")
def fit_returns_self(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    X = _blobs(1, [(0.0, 0.0, 0.0), (8.0, 0.0, 0.0), (0.0, 8.0, 3.0)], 20)
    model = est.expect_fit_returns_self(KMeans(n_clusters=3, random_state=0), X, call="fit(X)")
    _fit(model, X)
    _centers(model, 3, 3)
    labels = _labels(model, 60)
    expect(
        np.ndim(model.inertia_) == 0 and isinstance(float(model.inertia_), float),
        f"inertia_ is {model.inertia_!r}: it must be one number (store float(inertia)).",
    )
    _n_iter(model, 300)
    with est.quiet():
        predicted = KMeans(n_clusters=3, random_state=0).fit_predict(X)
    expect(
        predicted is not None and np.array_equal(np.asarray(predicted), labels),
        "fit_predict(X) must return the labels_ of the fit (same random_state, same labels): "
        "return self.fit(X).labels_.",
    )
    column = X[:, :1]  # a single feature
    line = _fit_valid(KMeans(n_clusters=2, random_state=0), column, what="KMeans(2) on one feature")
    _expect_consistent(line, column, 2, what="KMeans(2) on one feature")
    single = _fit_valid(KMeans(n_clusters=1, random_state=0), X[:1], what="KMeans(n_clusters=1)")
    expect_close(
        _centers(single, 1, 3),
        X[:1],
        what="cluster_centers_ of KMeans(n_clusters=1) fitted on a single sample",
        rtol=1e-12,
        atol=1e-12,
    )
    one = _fit_valid(KMeans(n_clusters=1, random_state=0), X, what="KMeans(n_clusters=1)")
    expect_close(
        _centers(one, 1, 3)[0],
        X.mean(axis=0),
        what="cluster_centers_ of KMeans(n_clusters=1)",
        rtol=1e-9,
        atol=1e-9,
        note="With one cluster, its center is the mean of all the samples.",
    )
    too_many = np.vstack([X, X[:1] + 1.0])  # 61 initial centers for 60 samples
    for kwargs, problem in (
        ({"n_clusters": 61}, "n_clusters=61 for 60 samples"),
        ({"n_clusters": 61, "init": "random"}, 'n_clusters=61 for 60 samples (init="random")'),
        ({"n_clusters": 61, "init": too_many}, "n_clusters=61 for 60 samples (an array init)"),
        ({"n_clusters": 3, "init": "kmeans"}, "init='kmeans' (not a known init)"),
    ):
        try:
            with est.quiet():
                KMeans(**kwargs).fit(X)
        except NotImplementedError:
            raise
        except ValueError:
            continue
        except Exception as exc:
            fail(f"fit with {problem} raised {type(exc).__name__}: raise ValueError instead.")
        fail(f"fit with {problem} raised nothing: check it in fit and raise ValueError.")


# What a ValueError's message must mention, any one of the words, in any case: the brief asks
# it to name the problem, not a wording.
Words = tuple[str, ...]
NAMES_2D: Words = ("2-d", "2d", "two-dimensional", "dimension", "ndim", "reshape", "shape")
NAMES_EMPTY: Words = (
    "empty", "at least", "no row", "no column", "no sample", "no feature", "shape"
)
NAMES_NAN: Words = ("nan", "finite", "infinit", "missing")
NAMES_WIDTH: Words = ("feature", "column")


def _expect_value_error(action: Any, *, call: str, names: Words, problem: str) -> None:
    """`action()` raises ValueError, with a message that mentions one of `names` (any case)."""
    note = f"Raise ValueError: {problem}."
    with est.quiet():
        expect_raises(ValueError, action, call=call, note=note, mentions_any=names, problem=problem)


@check("bad arguments and bad data raise ValueError naming the problem", hint="errors")
def invalid_input_raises(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    X = _blobs(1, [(0.0, 0.0, 0.0), (8.0, 0.0, 0.0), (0.0, 8.0, 3.0)], 10)  # 30 x 3
    start = X[::10].copy()  # one initial center per blob
    strings: tuple[tuple[dict[str, Any], str, str], ...] = (
        ({"n_clusters": 0}, "n_clusters", "n_clusters must be an int from 1 to n_samples"),
        ({"n_clusters": 2.5}, "n_clusters", "n_clusters must be an int from 1 to n_samples"),
        ({"n_init": 0}, "n_init", "n_init must be an int of at least 1"),
    )
    every: tuple[tuple[dict[str, Any], str, str], ...] = (
        ({"max_iter": 0}, "max_iter", "max_iter must be an int of at least 1"),
        ({"tol": -1e-4}, "tol", "tol must not be negative"),
    )
    for init in ("k-means++", "random", start):
        shown = f"init={init!r}" if isinstance(init, str) else "init=<array (3, 3)>"
        cases = every + strings if isinstance(init, str) else every
        for kwargs, name, problem in cases:
            given = {"n_clusters": 3, "init": init, "random_state": 0, **kwargs}
            args = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
            _expect_value_error(
                lambda given=given: KMeans(**given).fit(X),
                call=f"KMeans({args}, {shown}).fit(X)",
                names=(name,),
                problem=problem,
            )
        bad = X.copy()
        bad[4, 1] = np.nan
        _expect_value_error(
            lambda init=init, bad=bad: KMeans(n_clusters=3, init=init, random_state=0).fit(bad),
            call=f"KMeans(3, {shown}).fit(X with a NaN)",
            names=NAMES_NAN,
            problem="X holds NaN",
        )
    bad = X.copy()
    bad[7, 0] = np.inf
    _expect_value_error(
        lambda: KMeans(n_clusters=3, init=start).fit(bad),
        call="KMeans(3, init=<array>).fit(X with an infinity)",
        names=NAMES_NAN,
        problem="X holds infinity",
    )
    for shape in ((3, 2), (4, 3)):
        wrong = np.ones(shape)
        _expect_value_error(
            lambda wrong=wrong: KMeans(n_clusters=3, init=wrong).fit(X),
            call=f"KMeans(3, init=<array of shape {shape}>).fit(X of 3 features)",
            names=("init",),
            problem="the init array must have shape (n_clusters, n_features) = (3, 3)",
        )
    for data, names, problem in (
        (X[:, 0], NAMES_2D, "X must be 2-D; one feature is X.reshape(-1, 1)"),
        (X[:, :0], NAMES_EMPTY + NAMES_WIDTH, "X has no column"),
        (X[:0], (*NAMES_EMPTY, "sample", "row", "n_clusters"), "X has no row"),
    ):
        _expect_value_error(
            lambda data=data: KMeans(n_clusters=3, random_state=0).fit(data),
            call=f"KMeans(3).fit(X of shape {data.shape})",
            names=names,
            problem=problem,
        )
    model = _fit_from(KMeans, X, start)
    new = X[:5].copy()
    new[2, 2] = np.nan
    for data, names, problem in (
        (X[:5, :2], NAMES_WIDTH, "X has 2 features, the model was fitted with 3"),
        (X[0], NAMES_2D, "X must be 2-D; one sample is X.reshape(1, -1)"),
        (new, NAMES_NAN, "X holds NaN"),
        (X[:0], (*NAMES_EMPTY, "sample", "row"), "X has no row"),
    ):
        shown = "X with a NaN" if data is new else f"X of shape {data.shape}"
        _expect_value_error(
            lambda data=data: model.predict(data),
            call=f"predict({shown}) after fit on 30 x 3",
            names=names,
            problem=problem,
        )


# --- Lloyd's algorithm ---------------------------------------------------------------------


@check("from the same initial centers, the iterations equal scikit-learn's", hint="lloyd")
def lloyd_matches_sklearn(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    X = _lloyd_data()
    init = X[:4].copy()
    for max_iter in (1, 2, 5, 300):
        ref = _reference(X, 4, init=init, n_init=1, max_iter=max_iter, tol=0.0)
        model = _fit_from(KMeans, X, init, max_iter=max_iter, tol=0.0)
        after = "at convergence" if max_iter == 300 else f"after max_iter={max_iter}"
        note = (
            "One iteration assigns every sample to its nearest center, then moves each center to "
            "the mean of its samples. Start from init exactly (an array init is the start)."
        )
        if max_iter == 1 and np.allclose(model.cluster_centers_, init):
            note = "The centers did not move: one iteration must update them to the means."
        expect_close(
            _centers(model, 4, 2),
            ref.cluster_centers_,
            what=f"cluster_centers_ {after} (from the same init as scikit-learn)",
            rtol=1e-6,
            atol=1e-9,
            note=note,
        )
        n_iter = _n_iter(model, max_iter)
        expect(
            n_iter == int(ref.n_iter_),
            f"n_iter_ is {n_iter} {after} (max_iter={max_iter}, tol=0), scikit-learn's "
            f"{int(ref.n_iter_)}: count every iteration run (assign, then update), the last one "
            "included, the one whose update moved no center (with tol=0 that is what stops it).",
        )
    # Many samples (32,769 = 2^15 + 1, and 8 centers): code that works on blocks of rows must
    # cover them all, the last one alone included.
    big = np.vstack(
        [_blobs(6, [(0.0, 0.0), (6.0, 0.0), (0.0, 6.0), (6.0, 6.0)], 8192, std=2.0), [[3.0, 3.0]]]
    )
    start = big[:32768:4096].copy()
    ref = _reference(big, 8, init=start, n_init=1, max_iter=2, tol=0.0)
    model = _fit_from(KMeans, big, start, max_iter=2, tol=0.0)
    expect_close(
        _centers(model, 8, 2),
        ref.cluster_centers_,
        what="cluster_centers_ after max_iter=2 on 32,769 samples (the same init)",
        rtol=1e-6,
        atol=1e-9,
        note="Every sample counts, however many there are.",
    )
    _expect_consistent(model, big, 8, what="the fit on 32,769 samples", max_iter=2)


@check("labels_ and inertia_ describe the final centers", hint="consistency")
def labels_and_inertia_consistent(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    X = _lloyd_data()
    init = X[:4].copy()
    # Stopped early, the last update moved the centers a lot: stale labels show.
    for max_iter in (1, 2):
        stopped = _fit_from(KMeans, X, init, max_iter=max_iter, tol=0.0)
        _expect_consistent(stopped, X, 4, what=f"a fit stopped by max_iter={max_iter}")
    settings: tuple[dict[str, Any], ...] = (
        {"random_state": 0},
        {"init": "random", "n_init": 3, "random_state": 0},
        {"init": "k-means++", "n_init": 1, "max_iter": 2, "random_state": 0},
    )
    for kwargs in settings:
        shown = ", ".join(f"{k}={v!r}" for k, v in kwargs.items())
        model = _fit(KMeans(n_clusters=4, **kwargs), X)
        _expect_consistent(
            model, X, 4, what=f"KMeans(4, {shown})", max_iter=int(kwargs.get("max_iter", 300))
        )
    with est.quiet():
        on_train = model.predict(X)
    expect(
        on_train is not None and np.array_equal(np.asarray(on_train), model.labels_),
        "predict(X) on the training data differs from labels_: both must be the index of the "
        "nearest center in cluster_centers_.",
    )
    new = _blobs(99, [(0.0, 0.0)], 25, std=8.0)
    with est.quiet():
        pred = model.predict(new)
    pred = est.expect_output_shape(
        pred,
        (25,),
        call="predict on 25 new samples",
        note="It must compute the nearest center of the X it is given (not return labels_).",
    )
    expect(
        np.array_equal(pred, _sq_dist(new, np.asarray(model.cluster_centers_)).argmin(axis=1)),
        "predict on new samples must return, for each, the index of its nearest center.",
    )


def _expect_relocated(model: Any, X: Array, init: Array, *, what: str) -> None:
    """After one iteration from `init`, each empty cluster's center is one of the farthest
    samples (the n_empty samples farthest from their own center), and each other center is
    the mean of its samples (with or without the relocated samples: scikit-learn takes them
    out of their old cluster, the brief leaves it open)."""
    k = init.shape[0]
    dist = _sq_dist(X, init)
    labels = dist.argmin(axis=1)
    counts = np.bincount(labels, minlength=k)
    empty = np.flatnonzero(counts == 0)
    far = dist[np.arange(X.shape[0]), labels]
    movers = np.argsort(-far, kind="stable")[: empty.size]
    centers = _centers(model, k, X.shape[1])
    got = centers[empty]
    want = X[movers]
    matched = all(np.any(np.all(np.isclose(want, row, atol=1e-9), axis=1)) for row in got)
    if not matched or len({tuple(r) for r in np.round(got, 9)}) != empty.size:
        fail(
            f"After one iteration from a start where {empty.size} cluster(s) get no sample "
            f"({what}), their centers are\n{np.array2string(got, precision=3)}\nbut the brief "
            f"moves them to the {empty.size} samples farthest from their own center\n"
            f"{np.array2string(want, precision=3)}\n(the worst-served samples, one per empty "
            "cluster: the farthest for the first, the next farthest for the second)."
        )
    kept = np.ones(X.shape[0], dtype=bool)
    kept[movers] = False
    for j in np.flatnonzero(counts > 0):
        options = [X[labels == j].mean(axis=0)]
        if np.any((labels == j) & kept):
            options.append(X[(labels == j) & kept].mean(axis=0))
        expect(
            any(np.allclose(centers[j], m, rtol=1e-9, atol=1e-9) for m in options),
            f"After one iteration ({what}), center {j} is {centers[j]}, not the mean of its "
            f"samples {options[0]}: a cluster with samples moves to their mean.",
        )


@check("an empty cluster gets a new center, not NaN", hint="empty_cluster")
def empty_cluster(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    X = _blobs(5, [(0.0, 0.0), (10.0, 0.0), (5.0, 8.0)], 50)
    # The third center is far from every sample: no sample picks it at the first assignment.
    init = np.array([[0.0, 0.0], [0.5, 0.0], [100.0, 100.0]])
    ref = _reference(X, 3, init=init, n_init=1)
    model = _fit_from(KMeans, X, init)
    centers = _centers(model, 3, 2)
    labels = _labels(model, X.shape[0])
    sizes = np.bincount(labels, minlength=3)
    if np.any(np.all(np.isclose(centers, [100.0, 100.0]), axis=1)) or sizes.min() == 0:
        fail(
            f"Started from a center that no sample is near, the fit ends with cluster sizes "
            f"{sizes.tolist()} and centers\n{np.array2string(centers, precision=2)}: a cluster "
            "stayed empty. When a cluster has no sample, move its center to the sample farthest "
            "from its own center, so that all k clusters are used."
        )
    _expect_consistent(model, X, 3, what="the fit with an empty cluster")
    ratio = float(model.inertia_) / float(ref.inertia_)
    expect(
        ratio <= EMPTY_RATIO_BAR,
        f"After an empty cluster, the inertia ends {100 * (ratio - 1):.1f}% above scikit-learn's "
        "from the same start: move an empty cluster's center to the sample FARTHEST from its "
        "center (the sample worst served), as scikit-learn does.",
    )
    _expect_relocated(
        _fit_from(KMeans, X, init, max_iter=1, tol=0.0), X, init, what="one empty cluster"
    )
    two = np.array([[0.0, 0.0], [-100.0, 100.0], [10.0, 0.0], [100.0, 100.0], [5.0, 8.0]])
    _expect_relocated(
        _fit_from(KMeans, X, two, max_iter=1, tol=0.0), X, two, what="two empty clusters"
    )
    # The worst-served samples lie below and left of their centers: far is a SQUARED distance.
    low = np.vstack([X, [[-12.0, -9.0], [-9.0, -11.0]]])
    _expect_relocated(
        _fit_from(KMeans, low, two, max_iter=1, tol=0.0),
        low,
        two,
        what="two empty clusters, the farthest samples below and left",
    )


@check("tol is relative to the data's variance", hint="tol")
def tol_is_relative(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    X = _lloyd_data()
    init = X[:4].copy()
    # Features centred far apart: the variance of all the entries together is no threshold.
    offset = np.array([300.0, -300.0])
    shifted, start = X + offset, init + offset
    for tol in (1e-2, 1e-1):
        ref = _reference(shifted, 4, init=start, n_init=1, tol=tol)
        model = _fit_from(KMeans, shifted, start, tol=tol)
        n_iter = _n_iter(model, 300)
        expect(
            n_iter == int(ref.n_iter_),
            f"With tol={tol:g}, from the same start, n_iter_ is {n_iter} and scikit-learn's "
            f"{int(ref.n_iter_)}: stop as soon as the total squared shift of the centers in an "
            "iteration, ((new - old) ** 2).sum(), is at most tol * np.mean(np.var(X, axis=0)).",
        )
        expect_close(
            _centers(model, 4, 2),
            ref.cluster_centers_,
            what=f"cluster_centers_ with tol={tol:g} (from the same init as scikit-learn)",
            rtol=1e-6,
            atol=1e-9,
        )
    for label, make in (
        ("an array init", lambda s: _fit_from(KMeans, X * s, init * s, tol=1e-2)),
        (
            'init="k-means++", n_init=2',
            lambda s: _fit(KMeans(n_clusters=4, n_init=2, tol=1e-2, random_state=0), X * s),
        ),
    ):
        runs = {scale: make(scale) for scale in (1e-3, 1.0, 1e3)}
        iters = {scale: int(m.n_iter_) for scale, m in runs.items()}
        expect(
            len(set(iters.values())) == 1,
            f"The same data in other units ({label}) stops after different numbers of "
            f"iterations: n_iter_ is {iters[1e-3]} for X * 0.001, {iters[1.0]} for X and "
            f"{iters[1e3]} for X * 1000 (tol=1e-2). The stopping threshold must scale with the "
            "data: stop when the total squared shift of the centers is at most "
            "tol * np.mean(np.var(X, axis=0)).",
        )
        for scale, model in runs.items():
            expect_close(
                np.asarray(model.cluster_centers_) / scale,
                np.asarray(runs[1.0].cluster_centers_),
                what=f"cluster_centers_ / {scale:g} on X * {scale:g} ({label})",
                rtol=1e-6,
                atol=1e-9,
                note="Changing the unit of the data must only change the unit of the centers.",
            )


# --- the seeding and the runs --------------------------------------------------------------


@check("inertia within 1% of scikit-learn's on five data sets", hint="general")
def inertia_matches_sklearn(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    bar = ctx.bar("inertia_ratio_worst").threshold
    cases = {
        "4 blobs, k=4": (_make_blobs(n_samples=400, centers=4, random_state=7), 4),
        "anisotropic blobs, k=3": (
            _make_blobs(n_samples=450, centers=3, random_state=170)
            @ np.array([[0.6, -0.6], [-0.4, 0.8]]),
            3,
        ),
        "blobs of unequal spread, k=3": (
            _make_blobs(n_samples=400, centers=3, cluster_std=[1.0, 2.5, 0.5], random_state=170),
            3,
        ),
        "5 blobs, k=2": (
            _make_blobs(n_samples=500, centers=5, cluster_std=1.2, random_state=3),
            2,
        ),
        "8 blobs in 5-D, k=8": (
            _make_blobs(n_samples=600, centers=8, n_features=5, random_state=4),
            8,
        ),
    }
    worst = 0.0
    for label, (X, k) in cases.items():
        ref = _reference(X, k, n_init=10, random_state=0)
        model = _fit(KMeans(n_clusters=k, random_state=0), X)
        _expect_consistent(model, X, k, what=label)
        ratio = float(model.inertia_) / float(ref.inertia_)
        worst = max(worst, ratio)
        expect(
            ratio <= bar,
            f"On {label}, inertia_ is {float(model.inertia_):.6g}, {100 * (ratio - 1):.1f}% "
            f"above scikit-learn's {float(ref.inertia_):.6g}. Are the n_init runs kept at their "
            "best (lowest inertia)? Does Lloyd iterate until the centers stop moving?",
        )
    expect_bar(ctx, "inertia_ratio_worst", worst)


def _hits(KMeans: Any, X: Array, k: int, best: float, seeds: range, **kwargs: Any) -> int:
    """Runs (one per seed) whose inertia is within 1% of `best`; each fit's attributes must
    agree with each other (labels_ nearest, inertia_ recomputed)."""
    hits = 0
    for seed in seeds:
        model = _fit(KMeans(n_clusters=k, random_state=seed, **kwargs), X)
        shown = ", ".join(f"{a}={v!r}" for a, v in kwargs.items())
        _expect_consistent(model, X, k, what=f"KMeans({k}, {shown}, random_state={seed})")
        hits += _inertia_of(X, _centers(model, k, X.shape[1])) <= 1.01 * best
    return hits


@check("k-means++ seeding finds separated clusters where random seeding fails", hint="kmeanspp")
def kmeanspp_seeding(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    _expect_seeded(KMeans, init="k-means++", n_init=1)
    _expect_seeded(KMeans, init="random", n_init=1)
    X = _circle()
    best = float(_reference(X, 10, n_init=10, random_state=0).inertia_)
    plus = _hits(KMeans, X, 10, best, range(10), init="k-means++", n_init=1)
    ctx.record("kmeanspp_hits_of_10", plus)
    uniform = _hits(KMeans, X, 10, best, range(10), init="random", n_init=1)
    ctx.record("random_hits_of_10", uniform)
    expect(
        plus >= KMEANSPP_MIN_HITS,
        f'On 10 separated blobs, init="k-means++" with n_init=1 found them in {plus} runs of 10 '
        f'(init="random": {uniform}); k-means++ finds them in at least {KMEANSPP_MIN_HITS}. '
        "Draw each new center with probability proportional to D(x)^2, the SQUARED distance "
        "from x to the nearest center chosen so far (not uniformly, not proportional to D).",
    )
    expect(
        uniform < KMEANSPP_MIN_HITS,
        f'init="random" with n_init=1 found the 10 blobs in {uniform} runs of 10, as often as '
        'k-means++: is init ignored? "random" draws k distinct samples uniformly.',
    )


def _c_seeded(KMeans: Any, X: Array, seeds: int) -> int:
    """Fits (k=2, one Lloyd step, seeds 0 .. seeds-1) that seeded the lone sample X[0]."""
    count = 0
    for seed in range(seeds):
        model = _fit(
            KMeans(
                n_clusters=2,
                init="k-means++",
                n_init=1,
                max_iter=1,
                tol=0.0,
                random_state=seed,
            ),
            X,
        )
        centers = _centers(model, 2, 2)
        count += bool(np.any(((centers - X[0]) ** 2).sum(axis=1) < 0.25))
    return count


@check("k-means++ draws each next center with probability proportional to D(x)^2", hint="kmeanspp")
def kmeanspp_draws_d2(ctx: Context) -> None:
    """The D^2 rule itself, told apart from look-alikes (see D2_FAR_SEEDS for the power).

    FAR: a lone far sample against a near group 100 times its size; D^2 makes the far one the
    likely pick, D (unsquared) the unlikely one. FARTHEST: the lone far sample is worth less
    than the near group; D^2 draws it 1 time in 10, farthest-point seeding always picks it.
    """
    KMeans = _model_class(ctx)
    _expect_seeded(KMeans, init="k-means++", n_init=1)
    far = _c_seeded(KMeans, _three_groups((25.0, 0.0), (0.0, 1.0), 100), D2_FAR_SEEDS)
    ctx.record(f"d2_far_picks_of_{D2_FAR_SEEDS}", far)
    expect(
        far >= D2_FAR_MIN,
        f"1000 samples near (0, 0), 100 near (0, 1) and one at (25, 0), k=2: after a first "
        f"center near (0, 0), D(x)^2 gives the lone sample 625 / 725 = 86% of the draw, so "
        f"k-means++ seeds it in about 8 fits of 10; yours did in {far} of {D2_FAR_SEEDS} "
        f"(the bar: {D2_FAR_MIN}). Draw each next center with probability D(x)^2 / sum D^2, "
        "D(x)^2 the SQUARED distance to the nearest center so far (not D(x), not uniformly).",
    )
    farthest = _c_seeded(
        KMeans, _three_groups((10.0, 0.0), (0.0, 3.0), 100), D2_FARTHEST_SEEDS
    )
    ctx.record(f"d2_farthest_picks_of_{D2_FARTHEST_SEEDS}", farthest)
    expect(
        farthest <= D2_FARTHEST_MAX,
        f"1000 samples near (0, 0), 100 near (0, 3) and one at (10, 0), k=2: after a first "
        f"center near (0, 0), D(x)^2 gives the lone sample 100 / 1000 = 10% of the draw; your "
        f"k-means++ seeded it in {farthest} of {D2_FARTHEST_SEEDS} fits (at most "
        f"{D2_FARTHEST_MAX}). Is the next center the farthest sample instead of a draw, or the "
        "first center always X[0]? Pick the first uniformly (rng.integers(n)), then draw: "
        "rng.choice(n, p=D2 / D2.sum()).",
    )


@check("seeding picks distinct samples", hint="kmeanspp")
def seeds_are_distinct_samples(ctx: Context) -> None:
    """k = n_samples: every seeding that picks k DISTINCT samples makes each sample a center,
    so one iteration ends with inertia 0. Drawing with replacement repeats a sample with
    probability 1 - 6!/6^6 = 0.985 per fit (and then inertia > 0 after one step)."""
    KMeans = _model_class(ctx)
    X = np.random.default_rng(3).normal(size=(6, 2)) * 5.0
    for init in ("random", "k-means++"):
        for seed in range(8):
            model = _fit(
                KMeans(n_clusters=6, init=init, n_init=1, max_iter=1, tol=0.0, random_state=seed),
                X,
            )
            centers = _centers(model, 6, 2)
            expect(
                _inertia_of(X, centers) <= 1e-12,
                f'KMeans(n_clusters=6, init="{init}", random_state={seed}) on 6 samples left '
                f"centers\n{np.array2string(centers, precision=3)}\nthat do not sit one on each "
                'sample: the seeding picked a sample twice. "random" draws k DISTINCT samples '
                "(rng.choice(n, size=k, replace=False)); k-means++ never redraws a chosen "
                "sample (its D(x)^2 is 0).",
            )


@check("n_init runs are made and the best one is kept", hint="n_init")
def n_init_best_of_runs(ctx: Context) -> None:
    """For each init: with seed s, n_init=20 must beat one run seeded s + 1000 (a strictly
    lower inertia) in at least 31 of 40 seeds. Three iterations on uniform points leave every
    run a distinct inertia, so the best of 20 independent runs beats another independent run
    with probability exactly 20/21, whatever the seeding. See N_INIT_SEEDS for the power."""
    KMeans = _model_class(ctx)
    X = _uniform(200)
    for init in ("random", "k-means++"):
        _expect_seeded(KMeans, init=init, n_init=3)
        settings = {"n_clusters": 8, "init": init, "max_iter": 3}
        wins = 0
        kept = []
        for seed in range(N_INIT_SEEDS):
            many = _fit(KMeans(n_init=N_INIT_RUNS, random_state=seed, **settings), X)
            _expect_consistent(
                many, X, 8, what=f'KMeans(8, init="{init}", n_init={N_INIT_RUNS})', max_iter=3
            )
            one = _fit(KMeans(n_init=1, random_state=seed + 1000, **settings), X)
            kept.append(float(many.inertia_))
            wins += kept[-1] < float(one.inertia_) * (1 - 1e-12)
        short = "kmeanspp" if init == "k-means++" else init
        ctx.record(f"n_init_wins_of_{N_INIT_SEEDS}_{short}", wins)
        if wins < N_INIT_MIN_WINS:
            single = [
                float(_fit(KMeans(n_init=1, random_state=seed, **settings), X).inertia_)
                for seed in range(N_INIT_SEEDS)
            ]
            ignored = all(abs(a - b) <= 1e-12 * b for a, b in zip(kept, single, strict=True))
            extra = (
                f" With n_init={N_INIT_RUNS} every seed gives exactly the inertia of n_init=1 "
                "with the same seed: is n_init ignored?"
                if ignored
                else ""
            )
            fail(
                f'init="{init}" with n_init={N_INIT_RUNS} (max_iter=3) ended below a single run '
                f"in {wins} of {N_INIT_SEEDS} seeds; the best of {N_INIT_RUNS} runs beats one "
                f"run {N_INIT_RUNS} times in {N_INIT_RUNS + 1} (at least {N_INIT_MIN_WINS} of "
                f"{N_INIT_SEEDS}).{extra} Run the whole fit (seeding + Lloyd) n_init times, each "
                "from a new seeding drawn from the same generator, and keep the run with the "
                "LOWEST inertia (centers, labels, inertia and n_iter_ of that same run)."
            )


@check("the kept run's centers, labels, inertia and n_iter_ belong together", hint="n_init")
def kept_run_consistent(ctx: Context) -> None:
    """With tol=0 a run stops at the first iteration that moves no center, so the kept run of
    n_iter_ iterations ends on a fixed point of Lloyd's step; refitting with the same seed and
    max_iter=n_iter_ or n_iter_ - 1 keeps the same run (it has already reached its centers,
    and truncating the other runs cannot lower their inertia below the kept one), and with
    max_iter=n_iter_ - 2 it stops one step short. 500 uniform points with k=8 have many local
    optima, so no other run reaches the very same centers (measured: none in 2000 fits)."""
    KMeans = _model_class(ctx)
    X = _uniform()
    for init in ("k-means++", "random"):
        for seed in (0, 1):

            def fit(max_iter: int, init: str = init, seed: int = seed) -> Any:
                return _fit(
                    KMeans(
                        n_clusters=8,
                        init=init,
                        n_init=4,
                        max_iter=max_iter,
                        tol=0.0,
                        random_state=seed,
                    ),
                    X,
                )

            shown = f'init="{init}", n_init=4, tol=0, random_state={seed}'
            model = fit(300)
            _expect_consistent(model, X, 8, what=f"KMeans(8, {shown})")
            centers = _centers(model, 8, 2).copy()
            n_iter = _n_iter(model, 300)
            expect(
                n_iter < 300,
                f"KMeans(8, {shown}) ran max_iter=300 iterations on 500 points: with tol=0 a run "
                "stops at the first iteration whose update moves no center.",
            )
            step = _lloyd_step(X, centers)
            expect(
                np.allclose(step, centers, rtol=1e-9, atol=1e-12),
                f"KMeans(8, {shown}) stopped after n_iter_={n_iter} iterations with tol=0, but "
                "one more iteration from its cluster_centers_ moves them: the centers you keep "
                "are not where that run ended. Keep the centers, labels, inertia and n_iter_ of "
                "the same run (the one with the lowest inertia).",
            )
            for cap, same in ((n_iter, True), (n_iter - 1, True), (n_iter - 2, False)):
                if cap < 1:
                    continue
                again = fit(cap)
                moved = not np.allclose(
                    np.asarray(again.cluster_centers_, dtype=float), centers, rtol=1e-9, atol=1e-12
                )
                if same:
                    expect(
                        not moved and int(again.n_iter_) == cap,
                        f"KMeans(8, {shown}) reports n_iter_={n_iter}; refitted with max_iter="
                        f"{cap}, it should keep the same run and centers (that run had reached "
                        f"them by iteration {n_iter - 1}) and report n_iter_={cap}; it "
                        f"{'moved the centers' if moved else 'kept them'} and reports "
                        f"n_iter_={again.n_iter_}. n_iter_ is the iteration count of the KEPT "
                        "run (the one with the lowest inertia), not of the last or another run.",
                    )
                else:
                    expect(
                        moved,
                        f"KMeans(8, {shown}) reports n_iter_={n_iter}, but max_iter={cap} "
                        "already gives the same centers: n_iter_ counts more iterations than "
                        "the kept run made. It is the iteration count of the kept run only.",
                    )


@check("the same random_state gives the same clustering", hint="random_state")
def reproducible(ctx: Context) -> None:
    KMeans = _model_class(ctx)
    for init in ("k-means++", "random"):
        for n_init in (1, 3):
            _expect_seeded(KMeans, init=init, n_init=n_init)
