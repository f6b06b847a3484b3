"""K-Means clustering from scratch in NumPy: k-means++ seeding and Lloyd's algorithm.

K-Means looks for k centers that minimise the inertia, the sum of squared distances from
each sample to its nearest center:

    inertia = sum_i min_j ||x_i - c_j||^2

Why it is right:
- Lloyd's algorithm alternates two steps that can only lower the inertia: assign each sample
  to its nearest center (E-step), then move each center to the mean of its samples (M-step:
  the mean minimises the sum of squared distances). It stops when the centers move less than
  `tol` (the total squared shift, relative to the data's mean variance, as scikit-learn), or
  after `max_iter` iterations. A last assignment to the final centers makes `labels_` and
  `inertia_` describe `cluster_centers_` exactly.
- Lloyd only finds a local minimum, which depends on the start. Greedy k-means++ (the seeding
  of scikit-learn) draws each new center with probability proportional to the squared
  distance to the nearest center chosen so far, trying 2 + ln(k) candidates and keeping the
  one that lowers the inertia most; `n_init` starts are run and the best one is kept.
- A cluster that loses all its samples gets a new center: the sample farthest from its
  current center (scikit-learn does the same), so k clusters always come out.
- Vectorised, one pass over blocks of rows per iteration: with a column of ones appended to
  the data, one matrix product gives ||c||^2 - 2 x.c for every center (the nearest center
  minimises it), and a second one, of the one-hot labels, gives every cluster's sum and
  count. The data are centred first, so that the distance expansion keeps its digits when
  the data lie far from the origin.
"""

from __future__ import annotations

import numbers
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["KMeans", "NotFittedError"]

Array = NDArray[np.float64]
Labels = NDArray[np.intp]

INITS = ("k-means++", "random")

# Elements per block of the (n, k) temporaries (distances, one-hot labels): 2 MiB of float64,
# which stays in cache and bounds the memory when both n and k are large.
_BLOCK_ELEMENTS = 1 << 18


class NotFittedError(ValueError, AttributeError):
    """The model was used before `fit` (a ValueError and an AttributeError, as in sklearn)."""


class _Run(NamedTuple):
    """The result of one run of Lloyd's algorithm (on centred data)."""

    centers: Array
    labels: Labels
    inertia: float
    n_iter: int


class KMeans:
    """K-Means clustering: k-means++ seeding, Lloyd iterations, best of `n_init` runs.

    Parameters
    ----------
    n_clusters : int, default 8
        Number of clusters k.
    init : {"k-means++", "random"} or array-like of shape (n_clusters, n_features)
        "k-means++": greedy k-means++ seeding. "random": k distinct samples drawn uniformly.
        An array: these initial centers, and a single run (`n_init` is then not used).
    n_init : int, default 10
        Number of runs from different seeds; the run with the lowest inertia is kept.
    max_iter : int, default 300
        Maximum number of Lloyd iterations (assign, then update) per run.
    tol : float, default 1e-4
        A run stops when the total squared shift of the centers in one iteration is at most
        `tol * mean(np.var(X, axis=0))`: relative to the data's spread, so that the result
        does not depend on the unit of the data.
    random_state : int, numpy.random.Generator or None, default None
        Seed of the seeding: the same seed gives the same clustering.

    Attributes
    ----------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
        The centers.
    labels_ : ndarray of int, shape (n_samples,)
        Index of the nearest center of each training sample.
    inertia_ : float
        Sum of squared distances of the samples to their nearest center.
    n_iter_ : int
        Number of Lloyd iterations of the kept run.
    n_features_in_ : int
        Number of features seen by `fit`.
    """

    def __init__(
        self,
        n_clusters: int = 8,
        init: str | ArrayLike = "k-means++",
        n_init: int = 10,
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state: int | np.random.Generator | None = None,
    ) -> None:
        # scikit-learn convention: store the arguments as given, validate them in fit.
        self.n_clusters = n_clusters
        self.init = init
        self.n_init = n_init
        self.max_iter = max_iter
        self.tol = tol
        self.random_state = random_state

    def fit(self, X: ArrayLike) -> KMeans:
        """Cluster X of shape (n_samples, n_features).

        Returns
        -------
        self : KMeans
            The fitted model, so that calls chain: `KMeans(3).fit(X).predict(X_new)`.
        """
        data = _as_matrix(X)
        k = self._validate_params(data)
        given = None if isinstance(self.init, str) else _as_matrix(self.init)
        if given is not None and given.shape != (k, data.shape[1]):
            raise ValueError(
                f"init has shape {given.shape}; expected (n_clusters, n_features) = "
                f"({k}, {data.shape[1]})."
            )
        # Centre the data: distances are unchanged, and their expansion keeps its digits.
        mean = data.mean(axis=0)
        aug = _augmented(data, mean)  # (n_samples, n_features + 1): [X - mean, 1]
        centred = aug[:, :-1]  # a view
        sq_norms = np.einsum("ij,ij->i", centred, centred)  # (n_samples,) ||x||^2
        tol = float(self.tol) * float(np.mean(np.var(data, axis=0)))
        rng = np.random.default_rng(self.random_state)
        best: _Run | None = None
        for _ in range(1 if given is not None else int(self.n_init)):
            if given is not None:
                start = given - mean
            elif self.init == "random":
                start = centred[rng.choice(data.shape[0], size=k, replace=False)]
            else:
                start = _kmeans_plus_plus(centred, sq_norms, k, rng)
            run = _lloyd(aug, start, int(self.max_iter), tol)
            if best is None or run.inertia < best.inertia:
                best = run
        assert best is not None
        self.cluster_centers_ = best.centers + mean
        # The final E-step, computed exactly as predict computes it.
        self.labels_ = _nearest(data, self.cluster_centers_)
        self.inertia_ = _inertia(data, self.cluster_centers_, self.labels_)
        self.n_iter_ = best.n_iter
        self.n_features_in_ = data.shape[1]
        return self

    def predict(self, X: ArrayLike) -> Labels:
        """Index of the nearest center for each sample of X, shape (n_samples,)."""
        if not hasattr(self, "cluster_centers_"):
            raise NotFittedError("This KMeans is not fitted yet: call fit(X) before predict.")
        data = _as_matrix(X)
        if data.shape[1] != self.n_features_in_:
            raise ValueError(
                f"X has {data.shape[1]} features, but KMeans was fitted with {self.n_features_in_}."
            )
        return _nearest(data, self.cluster_centers_)

    def fit_predict(self, X: ArrayLike) -> Labels:
        """Fit on X and return `labels_`."""
        return self.fit(X).labels_

    def _validate_params(self, data: Array) -> int:
        k = self.n_clusters
        if not isinstance(k, numbers.Integral) or isinstance(k, bool) or k < 1:
            raise ValueError(f"n_clusters must be a positive integer, got {k!r}.")
        if data.shape[0] < k:
            raise ValueError(f"n_samples={data.shape[0]} should be >= n_clusters={k}.")
        if isinstance(self.init, str) and self.init not in INITS:
            raise ValueError(f"init must be one of {INITS} or an array, got {self.init!r}.")
        for name in ("n_init", "max_iter"):
            value = getattr(self, name)
            if not isinstance(value, numbers.Integral) or value < 1:
                raise ValueError(f"{name} must be a positive integer, got {value!r}.")
        if not float(self.tol) >= 0.0:
            raise ValueError(f"tol must be >= 0, got {self.tol!r}.")
        return int(k)


def _as_matrix(X: ArrayLike) -> Array:
    """X as a finite float64 matrix (no copy when it already is one)."""
    arr = np.asarray(X, dtype=np.float64)
    if arr.ndim != 2:
        raise ValueError(
            f"X must be 2-D of shape (n_samples, n_features), got shape {arr.shape}: "
            "use X.reshape(-1, 1) for a single feature."
        )
    if 0 in arr.shape:
        raise ValueError(f"X has shape {arr.shape}: it needs at least one row and one column.")
    if not np.isfinite(arr).all():
        raise ValueError("X contains NaN or infinity: impute or drop those values first.")
    return arr


def _kmeans_plus_plus(X: Array, sq_norms: Array, k: int, rng: np.random.Generator) -> Array:
    """Greedy k-means++: k initial centers, each drawn with probability D(x)^2 / sum D^2.

    D(x) is the distance from x to the nearest center chosen so far. Each step draws
    2 + ln(k) candidates and keeps the one that lowers the potential sum D^2 most.
    """
    n_samples = X.shape[0]
    n_trials = 2 + int(np.log(k))
    centers = np.empty((k, X.shape[1]))
    first = int(rng.integers(n_samples))
    centers[0] = X[first]
    closest = _sq_distances(X[first : first + 1], X, sq_norms)[0]  # (n_samples,) D^2
    potential = float(closest.sum())
    for c in range(1, k):
        # Inverse-CDF sampling: a uniform draw in [0, potential) lands on sample i with
        # probability D(x_i)^2 / potential.
        draws = rng.random(n_trials) * potential
        candidates = np.searchsorted(np.cumsum(closest), draws).clip(max=n_samples - 1)
        dist = _sq_distances(X[candidates], X, sq_norms)  # (n_trials, n_samples)
        np.minimum(dist, closest, out=dist)
        potentials = dist.sum(axis=1)
        best = int(np.argmin(potentials))
        centers[c] = X[candidates[best]]
        closest = dist[best]
        potential = float(potentials[best])
    return centers


def _lloyd(aug: Array, centers: Array, max_iter: int, tol: float) -> _Run:
    """Lloyd iterations from `centers` until the squared shift is <= tol or max_iter.

    `aug` is the centred data with a column of ones appended (see `_assign`).
    """
    X = aug[:, :-1]  # (n_samples, n_features), a view
    centers = centers.copy()
    n_iter = 0
    for n_iter in range(1, max_iter + 1):  # noqa: B007 (n_iter is used after the loop)
        totals = np.zeros((centers.shape[0], aug.shape[1]))  # (k, n_features + 1)
        labels = _assign(aug, centers, totals)
        new_centers = _means(X, labels, centers, totals[:, :-1], totals[:, -1])
        shift = float(((new_centers - centers) ** 2).sum())
        centers = new_centers
        if shift <= tol:
            break
    labels = _assign(aug, centers)
    return _Run(centers, labels, _inertia(X, centers, labels), n_iter)


def _means(X: Array, labels: Labels, centers: Array, sums: Array, counts: Array) -> Array:
    """The mean of each cluster; an empty cluster moves to the sample farthest from its center.

    `centers` are the centers the labels were computed with; `sums` and `counts` the per
    cluster sums of the samples and their numbers.
    """
    filled = counts > 0
    means = centers.copy()
    means[filled] = sums[filled] / counts[filled, None]
    empty = np.flatnonzero(~filled)
    if empty.size:
        # The samples worst served by their center, farthest first, one per empty cluster.
        far = ((X - centers[labels]) ** 2).sum(axis=1)
        farthest = np.argsort(far)[::-1][: empty.size]
        means[empty] = X[farthest]
    return means


def _augmented(X: Array, origin: Array) -> Array:
    """[X - origin, 1]: the shifted data with a column of ones, shape (n, n_features + 1)."""
    aug = np.empty((X.shape[0], X.shape[1] + 1))
    np.subtract(X, origin, out=aug[:, :-1])
    aug[:, -1] = 1.0
    return aug


def _assign(aug: Array, centers: Array, totals: Array | None = None) -> Labels:
    """The nearest center of each sample; with `totals`, also add up each cluster in it.

    One pass over blocks of rows (both temporaries stay small, about _BLOCK_ELEMENTS):
    - distances: ||x - c||^2 = ||x||^2 - 2 x.c + ||c||^2, and ||x||^2 is the same for every
      center, so the nearest center minimises [x, 1] . [-2 c, ||c||^2]: one matrix product;
    - totals (k, n_features + 1): a one-hot matrix of the labels times [x, 1] adds, in one
      product, the samples of each cluster and (the column of ones) their number.
    """
    n_samples, k = aug.shape[0], centers.shape[0]
    weights = np.empty((aug.shape[1], k))  # (n_features + 1, k)
    weights[:-1] = -2.0 * centers.T
    weights[-1] = np.einsum("ij,ij->i", centers, centers)
    labels = np.empty(n_samples, dtype=np.intp)
    rows = -(-_BLOCK_ELEMENTS // k)  # ceil(_BLOCK_ELEMENTS / k): at least one row
    for start in range(0, n_samples, rows):
        block = aug[start : start + rows]  # a view
        nearest = (block @ weights).argmin(axis=1)  # (rows,)
        labels[start : start + rows] = nearest
        if totals is not None:
            onehot = np.zeros((nearest.size, k))
            onehot[np.arange(nearest.size), nearest] = 1.0
            totals += onehot.T @ block
    return labels


def _sq_distances(points: Array, X: Array, sq_norms: Array) -> Array:
    """Squared distances (n_points, n_samples) from a few points to every row of X.

    ||p||^2 - 2 p.x + ||x||^2, with ||x||^2 given (`sq_norms`), clipped at 0 (rounding).
    """
    dist: Array = (-2.0 * points) @ X.T  # (n_points, n_samples), rows contiguous
    dist += sq_norms
    dist += np.einsum("ij,ij->i", points, points)[:, None]
    np.maximum(dist, 0.0, out=dist)
    return dist


def _nearest(X: Array, centers: Array) -> Labels:
    """Index of the nearest center of each row of X (for `predict` and the final labels).

    X and the centers are both shifted by the centers' mean first: the same shift, so the
    same nearest center, and the distance expansion keeps its digits far from the origin.
    """
    origin = centers.mean(axis=0)
    return _assign(_augmented(X, origin), centers - origin)


def _inertia(X: Array, centers: Array, labels: Labels) -> float:
    """Sum of squared distances to the assigned centers, computed directly (no expansion)."""
    diff = X - centers[labels]
    return float(np.einsum("ij,ij->", diff, diff))
