"""The numbers behind the figures: inertia and silhouette per k, and a 2-D PCA projection."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from types import ModuleType

import numpy as np
import pandas as pd
from numpy.typing import NDArray

Array = NDArray[np.float64]


def k_curves(
    seg: ModuleType,
    X: Array,
    k_range: Iterable[int],
    random_state: int,
    sample_size: int,
) -> pd.DataFrame:
    """Inertia (elbow) and silhouette of K-Means for every k, indexed by k.

    Both come from the reference solution `seg`: the silhouettes are `choose_k`'s own scores
    (same K-Means, same sample), so the figure shows exactly what chose k.
    """
    ks = [int(k) for k in k_range]
    _, scores = seg.choose_k(X, ks, random_state, sample_size=sample_size)
    inertia = [float(seg.kmeans(X, k, random_state).inertia_) for k in ks]
    curves = pd.DataFrame({"inertia": inertia, "silhouette": [scores[k] for k in ks]}, index=ks)
    curves.index.name = "k"
    return curves


def elbow(curves: pd.DataFrame) -> int:
    """The k where the inertia curve bends most: the largest ratio of drops around k.

    (I(k-1) - I(k)) / (I(k) - I(k+1)) is large where adding the k-th cluster still helped a
    lot and the next one hardly does. A ratio is blind to the curve's scale, unlike the
    second difference, which always favours the steep start of the curve. The ends of the
    curve cannot be elbows, so it needs at least three consecutive k.
    """
    inertia = curves["inertia"].astype(float)
    before = inertia.shift(1) - inertia
    after = (inertia - inertia.shift(-1)).clip(lower=1e-12 * float(inertia.max()))
    ratio = (before / after).dropna()
    if ratio.empty:
        raise ValueError("the elbow needs the inertia of at least three consecutive k")
    return int(ratio.idxmax())


@dataclass(frozen=True)
class Projection:
    """The customers on the first two principal components of the scaled RFM."""

    points: Array  # (n_customers, 2)
    explained: Array  # (2,) share of the variance each component keeps
    loadings: Array  # (3, 2) each feature's direction in the plane (recency, frequency, monetary)


def pca_2d(X: Array, random_state: int) -> Projection:
    """Project the scaled RFM on its first two principal components."""
    from sklearn.decomposition import PCA

    pca = PCA(n_components=2, random_state=random_state).fit(X)
    return Projection(
        points=pca.transform(X),
        explained=pca.explained_variance_ratio_,
        loadings=pca.components_.T,
    )


def scaled_means(X: Array, labels: pd.Series, columns: Iterable[str]) -> pd.DataFrame:
    """Mean of each scaled feature per segment (the snake plot's lines), indexed by segment."""
    frame = pd.DataFrame(X, columns=list(columns), index=labels.index)
    means = frame.groupby(labels.to_numpy()).mean()
    means.index.name = "segment"
    return means
