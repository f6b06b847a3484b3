"""Principal component analysis from scratch in NumPy (m05-pca).

Fill in every method marked "# TODO:". Use NumPy only (no scikit-learn in this file: the
checks compare your results with it). `airoadmap show m05-pca` explains the task and the
math; `airoadmap check` grades your work; `airoadmap hint` helps when you are stuck.

PCA finds the directions (axes) along which the centred data vary most. With the centred data
X_c = X - mean and its SVD X_c = U S V^T, the axes are the rows of V^T and the variance along
axis j is S[j]**2 / (n_samples - 1).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


class PCA:
    """Principal component analysis by the singular value decomposition.

    Parameters
    ----------
    n_components : int or None, default None
        Number of components to keep, from 1 to min(n_samples, n_features); None keeps
        min(n_samples, n_features).

    Attributes (set by fit)
    -----------------------
    components_ : ndarray of shape (n_components, n_features), one axis per ROW
    explained_variance_ : ndarray of shape (n_components,), variance along each axis (n - 1)
    explained_variance_ratio_ : ndarray of shape (n_components,), fraction of the total
    singular_values_ : ndarray of shape (n_components,), S of the centred data's SVD
    mean_ : ndarray of shape (n_features,), the training mean of each feature
    """

    def __init__(self, n_components: int | None = None) -> None:
        # TODO: store the argument as an attribute of the same name, and nothing else.
        raise NotImplementedError("PCA.__init__")

    def fit(self, X: ArrayLike) -> PCA:
        """Learn the principal axes of X, shape (n_samples, n_features). Returns self."""
        # TODO: X = np.asarray(X, dtype=float); check X and n_components (ValueError: the
        # brief's Errors list); centre X; SVD; set the five attributes; return self.
        raise NotImplementedError("PCA.fit")

    def transform(self, X: ArrayLike) -> NDArray[np.float64]:
        """Scores of X on the axes: (X - mean_) @ components_.T, shape (n_samples, k)."""
        # TODO: raise an error that says to call fit if the model is not fitted yet; check X
        # (ValueError: the brief's Errors list).
        raise NotImplementedError("PCA.transform")

    def fit_transform(self, X: ArrayLike) -> NDArray[np.float64]:
        """Fit on X, then return transform(X)."""
        # TODO: one line is enough.
        raise NotImplementedError("PCA.fit_transform")

    def inverse_transform(self, Z: ArrayLike) -> NDArray[np.float64]:
        """Back from scores Z (n_samples, k) to the feature space: Z @ components_ + mean_."""
        # TODO: check Z (the brief's Errors list); the inverse of transform (exact when all
        # the components are kept).
        raise NotImplementedError("PCA.inverse_transform")
