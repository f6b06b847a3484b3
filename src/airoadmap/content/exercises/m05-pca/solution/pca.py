"""Principal component analysis from scratch in NumPy, by the SVD (m05-pca).

PCA finds the orthonormal directions along which centred data vary most. With the centred
data X_c = X - mean (n_samples x n_features) and its thin SVD X_c = U S V^T:

- the principal axes are the rows of V^T, sorted by decreasing singular value;
- the variance along axis j is S_j^2 / (n - 1), the j-th eigenvalue of the sample covariance
  X_c^T X_c / (n - 1), with the unbiased n - 1 of scikit-learn and np.cov;
- the coordinates of the samples on the axes (the scores) are X_c V = U S.

Why it is right:
- The SVD of X_c gives the eigenvectors of X_c^T X_c without forming that matrix, whose
  condition number is the square of X_c's: small variances keep their digits.
- An axis is defined up to its sign. The sign is fixed as scikit-learn fixes it (its largest
  entry in absolute value is positive), so that results are reproducible and comparable.
- `transform` centres new data with the training mean: the axes belong to the training data.
"""

from __future__ import annotations

import numbers

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["PCA", "NotFittedError"]

Array = NDArray[np.float64]


class NotFittedError(ValueError, AttributeError):
    """The model was used before `fit` (a ValueError and an AttributeError, as in sklearn)."""


class PCA:
    """Principal component analysis by the singular value decomposition.

    Parameters
    ----------
    n_components : int or None, default None
        Number of components to keep, from 1 to min(n_samples, n_features); None keeps
        min(n_samples, n_features).

    Attributes
    ----------
    components_ : ndarray of shape (n_components, n_features)
        The principal axes, one per ROW, orthonormal, by decreasing explained variance.
    explained_variance_ : ndarray of shape (n_components,)
        Variance of the data along each axis, with the n - 1 denominator (sample variance).
    explained_variance_ratio_ : ndarray of shape (n_components,)
        Fraction of the total variance (of all features) along each axis.
    singular_values_ : ndarray of shape (n_components,)
        The singular values of the centred data for the kept axes.
    mean_ : ndarray of shape (n_features,)
        Per-feature mean of the training data, subtracted before projecting.
    n_components_ : int
        Number of components kept.
    n_features_in_ : int
        Number of features seen by `fit`.
    """

    def __init__(self, n_components: int | None = None) -> None:
        # scikit-learn convention: store the argument as given, validate it in fit.
        self.n_components = n_components

    def fit(self, X: ArrayLike) -> PCA:
        """Learn the principal axes of X, shape (n_samples, n_features). Returns self."""
        self._fit(_as_matrix(X, "X"))
        return self

    def fit_transform(self, X: ArrayLike) -> Array:
        """Fit on X and return its scores, shape (n_samples, n_components).

        Computed as U S from the SVD, which equals `transform(X)` without a second product.
        """
        U, S = self._fit(_as_matrix(X, "X"))
        k = self.n_components_
        return U[:, :k] * S[:k]

    def transform(self, X: ArrayLike) -> Array:
        """Scores of X on the axes: (X - mean_) @ components_.T, shape (n_samples, k)."""
        self._check_fitted()
        data = _as_matrix(X, "X")
        _check_width("X", "features", got=data.shape[1], expected=self.n_features_in_)
        scores: Array = (data - self.mean_) @ self.components_.T
        return scores

    def inverse_transform(self, Z: ArrayLike) -> Array:
        """Back to feature space: Z @ components_ + mean_, shape (n_samples, n_features).

        With all components this rebuilds X exactly; with fewer, it is the projection of X on
        the kept axes, the best rank-k approximation of the centred data (least squares).
        """
        self._check_fitted()
        scores = _as_matrix(Z, "Z")
        _check_width("Z", "columns (components)", got=scores.shape[1], expected=self.n_components_)
        rebuilt: Array = scores @ self.components_ + self.mean_
        return rebuilt

    def _fit(self, X: Array) -> tuple[Array, Array]:
        """Fit on X; return U and S of the thin SVD of the centred data (sign-fixed)."""
        n_samples, n_features = X.shape
        if n_samples < 2:
            raise ValueError(
                f"X has {n_samples} sample: PCA needs at least 2 (the variance divides by n - 1)."
            )
        k = self._validate_n_components(min(n_samples, n_features))
        self.mean_ = X.mean(axis=0)
        centred = X - self.mean_
        U, S, Vt = np.linalg.svd(centred, full_matrices=False)  # S sorted, decreasing
        # Fix the sign of each axis: its entry of largest magnitude is positive.
        signs = np.sign(Vt[np.arange(Vt.shape[0]), np.argmax(np.abs(Vt), axis=1)])
        signs[signs == 0] = 1.0
        U *= signs
        Vt *= signs[:, None]
        variance = S**2 / (n_samples - 1)  # (min(n, p),) eigenvalues of the covariance
        total = float(variance.sum())  # = the sum of the feature variances, all axes kept
        self.components_ = Vt[:k]
        self.explained_variance_ = variance[:k]
        self.explained_variance_ratio_ = (
            variance[:k] / total if total > 0.0 else np.zeros(k)  # constant data: no variance
        )
        self.singular_values_ = S[:k]
        self.n_components_ = k
        self.n_features_in_ = n_features
        return U, S

    def _validate_n_components(self, largest: int) -> int:
        k = self.n_components
        if k is None:
            return largest
        if not isinstance(k, numbers.Integral) or isinstance(k, bool) or not 1 <= k <= largest:
            raise ValueError(
                f"n_components={k!r} must be None or an int from 1 to min(n_samples, "
                f"n_features) = {largest}."
            )
        return int(k)

    def _check_fitted(self) -> None:
        if not hasattr(self, "components_"):
            raise NotFittedError("This PCA is not fitted yet: call fit(X) before transform.")


def _as_matrix(X: ArrayLike, name: str) -> Array:
    """A finite float64 matrix (no copy when it already is one)."""
    arr = np.asarray(X, dtype=np.float64)
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be 2-D, got shape {arr.shape}: use {name}.reshape(1, -1) for a "
            "single sample."
        )
    if 0 in arr.shape:
        raise ValueError(f"{name} has shape {arr.shape}: it needs at least one row and column.")
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} contains NaN or infinity: impute or drop those values first.")
    return arr


def _check_width(name: str, what: str, *, got: int, expected: int) -> None:
    if got != expected:
        raise ValueError(f"{name} has {got} {what}, but this PCA expects {expected}.")
