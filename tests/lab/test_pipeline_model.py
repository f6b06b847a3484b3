"""The m06 pipeline's model tests: behaviour, not just a score.

Three kinds, as in Ribeiro et al.'s CheckList: invariance (changes that must not move a
prediction), directional expectations (changes that must move it one way), and minimum
functionality (cases any useful model gets right). Each runs on every candidate of the
packaged config, trained by the pipeline's own stages on the training rows.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

from airoadmap.lab.pipeline import stages
from airoadmap.lab.pipeline.config import load_config


@pytest.fixture(scope="module")
def trained() -> tuple[dict[str, Any], stages.Split]:
    cfg = load_config()
    frame = stages.validate(stages.ingest(cfg), cfg, None)
    parts = stages.split(frame, cfg)
    models = {c.name: stages.train(stages.preprocess(cfg, c), parts) for c in cfg.candidates}
    return models, parts


CANDIDATES = [c.name for c in load_config().candidates]


def proba(model: Any, X: pd.DataFrame) -> np.ndarray:
    return stages.positive_proba(model, X)


# --- invariance ---------------------------------------------------------------------------


@pytest.mark.parametrize("name", CANDIDATES)
def test_identity_columns_do_not_change_a_prediction(
    trained: tuple[dict[str, Any], stages.Split], name: str
) -> None:
    """Name, ticket, cabin and home are not features: rewriting them changes nothing."""
    models, parts = trained
    X = parts.X_valid
    renamed = X.assign(
        name="Doe, Mr. John", ticket="CA 0000", cabin=None, home_dest="Somewhere, Nowhere"
    )
    np.testing.assert_array_equal(proba(models[name], renamed), proba(models[name], X))


@pytest.mark.parametrize("name", CANDIDATES)
def test_row_order_and_batch_size_do_not_change_a_prediction(
    trained: tuple[dict[str, Any], stages.Split], name: str
) -> None:
    models, parts = trained
    X = parts.X_valid
    whole = proba(models[name], X)
    shuffled = X.sample(frac=1.0, random_state=0)
    np.testing.assert_allclose(
        pd.Series(proba(models[name], shuffled), index=shuffled.index).loc[X.index], whole
    )
    one_by_one = np.concatenate([proba(models[name], X.iloc[[i]]) for i in range(10)])
    np.testing.assert_allclose(one_by_one, whole[:10])


# --- directional expectations ---------------------------------------------------------------


@pytest.mark.parametrize("name", CANDIDATES)
def test_being_a_woman_raises_the_survival_probability(
    trained: tuple[dict[str, Any], stages.Split], name: str
) -> None:
    """'Women and children first': switching male -> female must not lower it on average,
    and lowers it for hardly anyone (a forest's steps allow a few small exceptions)."""
    models, parts = trained
    X = parts.X_valid
    woman, man = (
        proba(models[name], X.assign(sex="female")),
        proba(models[name], X.assign(sex="male")),
    )
    assert (woman - man).mean() > 0.3
    assert (woman < man).mean() <= 0.05


@pytest.mark.parametrize("name", CANDIDATES)
def test_first_class_raises_the_survival_probability(
    trained: tuple[dict[str, Any], stages.Split], name: str
) -> None:
    models, parts = trained
    X = parts.X_valid
    first, third = proba(models[name], X.assign(pclass=1)), proba(models[name], X.assign(pclass=3))
    assert (first - third).mean() > 0.1


# --- minimum functionality ------------------------------------------------------------------


def _passengers(**columns: list[Any]) -> pd.DataFrame:
    n = len(next(iter(columns.values())))
    base: dict[str, list[Any]] = {
        "name": ["Doe, X"] * n,
        "sibsp": [0] * n,
        "parch": [0] * n,
        "ticket": ["000"] * n,
        "cabin": [None] * n,
        "home_dest": [None] * n,
    }
    frame = pd.DataFrame({**base, **columns})
    return frame.astype({"pclass": "int64", "sibsp": "int64", "parch": "int64"})


@pytest.mark.parametrize("name", CANDIDATES)
def test_obvious_passengers(trained: tuple[dict[str, Any], stages.Split], name: str) -> None:
    """A first-class woman survived; a third-class man travelling alone did not."""
    models, _ = trained
    rich_women = _passengers(
        pclass=[1, 1, 2],
        sex=["female"] * 3,
        age=[30.0, 50.0, 25.0],
        fare=[80.0, 120.0, 26.0],
        embarked=["C", "S", "S"],
    )
    poor_men = _passengers(
        pclass=[3, 3, 3],
        sex=["male"] * 3,
        age=[30.0, 45.0, None],
        fare=[8.0, 7.0, 7.75],
        embarked=["S", "S", "Q"],
    )
    assert (proba(models[name], rich_women) > 0.7).all()
    assert (proba(models[name], poor_men) < 0.25).all()
    assert list(models[name].predict(rich_women)) == [1, 1, 1]
    assert list(models[name].predict(poor_men)) == [0, 0, 0]


@pytest.mark.parametrize("name", CANDIDATES)
def test_beats_the_baselines_on_the_validation_rows(
    trained: tuple[dict[str, Any], stages.Split], name: str
) -> None:
    models, parts = trained
    y = parts.y_valid.to_numpy()
    majority = max(y.mean(), 1 - y.mean())
    women_survive = float(np.mean((parts.X_valid["sex"] == "female").to_numpy() == y))
    accuracy = float(np.mean(models[name].predict(parts.X_valid) == y))
    assert accuracy > majority + 0.1
    assert accuracy >= women_survive - 0.02  # at least as good as the one-rule model
