"""K-Means clustering from scratch in NumPy (m05-kmeans).

Fill in every method marked "# TODO:". Use NumPy only (no scikit-learn in this file: the
checks compare your results with it). `airoadmap show m05-kmeans` explains the task and the
math; `airoadmap check` grades your work; `airoadmap hint` helps when you are stuck.

K-Means looks for k centers that minimise the inertia, the sum of squared distances from each
sample to its nearest center. The helper functions below are a suggested split of the work;
the checks only use the class.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


class KMeans:
    """K-Means clustering: k-means++ seeding, Lloyd iterations, best of `n_init` runs.

    Parameters
    ----------
    n_clusters : int, default 8
        Number of clusters k.
    init : {"k-means++", "random"} or array-like of shape (n_clusters, n_features)
        How to choose the initial centers. An array gives them directly (then one run only).
    n_init : int, default 10
        Number of runs from different seedings; keep the one with the lowest inertia.
    max_iter : int, default 300
        Maximum number of iterations (assign, then update) per run.
    tol : float, default 1e-4
        Stop when the total squared shift of the centers is <= tol * mean(np.var(X, axis=0)).
    random_state : int or None, default None
        Seed: the same seed must give the same clustering.

    Attributes (set by fit)
    -----------------------
    cluster_centers_ : ndarray of shape (n_clusters, n_features)
    labels_ : ndarray of int, shape (n_samples,), the nearest center of each sample
    inertia_ : float, the sum of squared distances to the nearest center
    n_iter_ : int, the iterations of the kept run
    """

    def __init__(
        self,
        n_clusters: int = 8,
        init: str | ArrayLike = "k-means++",
        n_init: int = 10,
        max_iter: int = 300,
        tol: float = 1e-4,
        random_state: int | None = None,
    ) -> None:
        # TODO: store each argument as an attribute of the same name and nothing else:
        # validation and learning happen in fit.
        raise NotImplementedError("KMeans.__init__")

    def fit(self, X: ArrayLike) -> KMeans:
        """Cluster X of shape (n_samples, n_features). Returns self."""
        # TODO: validate X and the arguments (ValueError: the brief's Errors list);
        # rng = np.random.default_rng(self.random_state);
        # n_init times: choose initial centers, run Lloyd's iterations, keep the best run;
        # set cluster_centers_, labels_, inertia_, n_iter_; return self.
        raise NotImplementedError("KMeans.fit")

    def predict(self, X: ArrayLike) -> NDArray[np.intp]:
        """Index of the nearest center for each sample of X."""
        # TODO: raise an error that says to call fit when the model is not fitted yet; check X
        # (ValueError: the brief's Errors list); then return the index of the nearest center
        # of each row of the X you are given.
        raise NotImplementedError("KMeans.predict")

    def fit_predict(self, X: ArrayLike) -> NDArray[np.intp]:
        """Fit on X and return labels_."""
        # TODO: one line.
        raise NotImplementedError("KMeans.fit_predict")


def squared_distances(X: NDArray[np.float64], centers: NDArray[np.float64]) -> NDArray[np.float64]:
    """Squared distances of shape (n_samples, n_clusters) between rows of X and the centers."""
    # TODO: broadcasting ((X[:, None, :] - centers[None, :, :]) ** 2).sum(axis=2) is a good
    # start; ||x||^2 - 2 x.c + ||c||^2 with one matrix product is faster on big data.
    raise NotImplementedError("squared_distances")


def kmeans_plus_plus(
    X: NDArray[np.float64], k: int, rng: np.random.Generator
) -> NDArray[np.float64]:
    """k initial centers: the first uniformly, each next with probability D(x)^2 / sum D^2."""
    # TODO: D(x) is the distance from x to the nearest center chosen so far.
    raise NotImplementedError("kmeans_plus_plus")


def lloyd(
    X: NDArray[np.float64], centers: NDArray[np.float64], max_iter: int, tol: float
) -> tuple[NDArray[np.float64], NDArray[np.intp], float, int]:
    """Lloyd's iterations from `centers`: (centers, labels, inertia, n_iter)."""
    # TODO: repeat: assign each sample to its nearest center; move each center to the mean of
    # its samples (an empty cluster: to the sample farthest from its center); stop when the
    # total squared shift is <= tol. Then assign once more to the final centers.
    raise NotImplementedError("lloyd")
