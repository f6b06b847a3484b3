"""The bias check: does a sensitive group fare differently, in the data and in a simple model?

Classification (a 0/1 target): for each group of the sensitive attribute, the observed rate
of 1s, the rate a simple model predicts (its "positive rate"), and its true positive rate
(the share of actual 1s it finds); the disparity ratio (lowest rate / highest) of each. The
model runs twice, with and without the attribute among its features: leaving a column out
does not remove its information when other columns carry it ("fairness through unawareness"
fails through proxies).

Regression: per group, the model's mean absolute percentage error and mean signed error
(does it over- or under-value the group?), and the ratio of the lowest to the highest error.

The model is deliberately simple (logistic or ridge regression on one-hot and standardised
features) and its predictions are cross-validated (5 folds), so each row is predicted by a
model that did not see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.lab.eda._solution import eda
from airoadmap.lab.eda.config import EdaConfig
from airoadmap.lab.eda.stats import is_numeric

__all__ = ["FOUR_FIFTHS", "BiasResult", "bias_check", "cross_validated_predictions"]

FOUR_FIFTHS = 0.8  # the "four-fifths rule" of thumb: a ratio under 0.8 is a red flag
SEED = 0


@dataclass(frozen=True)
class BiasResult:
    """The bias check of one sensitive attribute."""

    attribute: str
    table: pd.DataFrame  # one row per group
    ratios: dict[str, float]  # name -> disparity ratio (lowest / highest)
    explanation: str

    def metrics(self) -> dict[str, Any]:
        return {
            "ratios": self.ratios,
            "groups": {
                str(g): {k: float(v) for k, v in row.items()} for g, row in self.table.iterrows()
            },
        }


def _model(df: pd.DataFrame, features: list[str], task: str) -> Any:
    from sklearn.compose import ColumnTransformer
    from sklearn.impute import SimpleImputer
    from sklearn.linear_model import LogisticRegression, Ridge
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import OneHotEncoder, StandardScaler

    numeric = [c for c in features if is_numeric(df[c])]
    categorical = [c for c in features if c not in numeric]
    prepare = ColumnTransformer(
        [
            ("numeric", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
            (
                "categorical",
                make_pipeline(
                    SimpleImputer(strategy="most_frequent"),
                    OneHotEncoder(handle_unknown="ignore", min_frequency=5),
                ),
                categorical,
            ),
        ]
    )
    estimator = LogisticRegression(max_iter=1000) if task == "classification" else Ridge(alpha=1.0)
    return make_pipeline(prepare, estimator)


def cross_validated_predictions(
    df: pd.DataFrame, features: list[str], target: str, task: str
) -> np.ndarray:
    """Out-of-fold predictions: 0/1 labels (classification) or target values (regression).

    Regression models log(target) and predicts exp of it (prices are skewed and positive).
    """
    from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict

    X = df[features].copy()
    for name in features:  # object columns with NaN: make them plain object for the imputer
        if not is_numeric(X[name]):
            X[name] = X[name].astype(object).where(X[name].notna(), np.nan)
    y = df[target].to_numpy()
    if task == "classification":
        folds: Any = StratifiedKFold(5, shuffle=True, random_state=SEED)
        return cross_val_predict(_model(df, features, task), X, y.astype(int), cv=folds)
    folds = KFold(5, shuffle=True, random_state=SEED)
    log_pred = cross_val_predict(_model(df, features, task), X, np.log(y.astype(float)), cv=folds)
    return np.asarray(np.exp(log_pred))


def _extremes(rates: pd.Series) -> tuple[str, float, str, float]:
    return str(rates.idxmax()), float(rates.max()), str(rates.idxmin()), float(rates.min())


def _classification(
    df: pd.DataFrame, config: EdaConfig, attribute: str, predicted: np.ndarray
) -> BiasResult:
    sol = eda()
    groups = df[attribute]
    y = df[config.target]
    blind_features = [f for f in config.features if f != attribute]
    blind = cross_validated_predictions(df, blind_features, config.target, config.task)
    positives = (y == 1).to_numpy()
    table = pd.DataFrame(
        {
            "n": groups.value_counts().sort_index(),
            "observed_rate": sol.group_rates(y, groups),
            "model_rate": sol.group_rates(predicted, groups),
            "model_rate_without": sol.group_rates(blind, groups),
            "true_positive_rate": sol.group_rates(predicted[positives], groups[positives]),
        }
    )
    table.insert(1, "share", table["n"] / table["n"].sum())
    ratios = {
        "observed": sol.disparity_ratio(y, groups),
        "model": sol.disparity_ratio(predicted, groups),
        "model_without_attribute": sol.disparity_ratio(blind, groups),
        "true_positive_rate": sol.disparity_ratio(predicted[positives], groups[positives]),
    }
    hi_g, hi, lo_g, lo = _extremes(table["observed_rate"])
    mhi_g, mhi, mlo_g, mlo = _extremes(table["model_rate"])
    target = config.target
    flag = " (under the four-fifths rule of thumb, 0.8)" if ratios["observed"] < FOUR_FIFTHS else ""
    change = ratios["model"] - ratios["observed"]
    effect = (
        "widens the gap (a model tends to exaggerate a strong pattern: it predicts the "
        "majority outcome of each group)"
        if change < -0.05
        else "narrows the gap"
        if change > 0.05
        else "keeps the gap as it is"
    )
    blind_note = (
        "so the other features carry most of the same information (proxies): leaving the "
        "column out does not make the model fair"
        if ratios["model_without_attribute"] < FOUR_FIFTHS
        else "so leaving the column out removes most of the disparity here, at a cost in "
        "accuracy for the groups the data set tells apart"
    )
    explanation = (
        f"In the data, {target} = 1 for {hi:.0%} of {attribute} = {hi_g} and {lo:.0%} of "
        f"{attribute} = {lo_g}: a disparity ratio of {ratios['observed']:.2f}{flag}. "
        f"The model predicts {target} = 1 for {mhi:.0%} of {attribute} = {mhi_g} and {mlo:.0%} "
        f"of {attribute} = {mlo_g}: "
        f"ratio {ratios['model']:.2f}; it {effect}. Among the rows that really have "
        f"{target} = 1, it finds {table['true_positive_rate'].max():.0%} in the best served "
        f"group and {table['true_positive_rate'].min():.0%} in the worst (ratio "
        f"{ratios['true_positive_rate']:.2f}, the 'equal opportunity' view). Trained without "
        f"{attribute}, its ratio is {ratios['model_without_attribute']:.2f}, {blind_note}."
    )
    return BiasResult(attribute, table, ratios, explanation)


def _regression(
    df: pd.DataFrame, config: EdaConfig, attribute: str, predicted: np.ndarray
) -> BiasResult:
    sol = eda()
    groups = df[attribute]
    y = df[config.target].to_numpy(dtype=float)
    abs_error = np.abs(predicted - y) / y
    signed = (predicted - y) / y
    table = pd.DataFrame(
        {
            "n": groups.value_counts().sort_index(),
            f"median_{config.target}": df.groupby(attribute)[config.target].median(),
            "mean_abs_pct_error": sol.group_rates(abs_error, groups),
            "mean_signed_pct_error": sol.group_rates(signed, groups),
        }
    )
    table.insert(1, "share", table["n"] / table["n"].sum())
    ratio = sol.disparity_ratio(abs_error, groups)
    errors = table["mean_abs_pct_error"]
    worst, best = str(errors.idxmax()), str(errors.idxmin())
    smallest = str(table["n"].idxmin())
    bias = table["mean_signed_pct_error"]
    skew_g = str(bias.abs().idxmax())
    direction = "over" if bias[skew_g] > 0 else "under"
    explanation = (
        f"The model's mean absolute error is {errors[worst]:.1%} of the price for "
        f"{attribute} = {worst} and {errors[best]:.1%} for {best}: the ratio of lowest to "
        f"highest error is {ratio:.2f}. The smallest group, {smallest}, has "
        f"{int(table.loc[smallest, 'n'])} rows ({table.loc[smallest, 'share']:.1%}) and an "
        f"error of {errors[smallest]:.1%}. The largest systematic error is for {skew_g}: "
        f"the model {direction}values it by {abs(bias[skew_g]):.1%} on average."
    )
    return BiasResult(attribute, table, {"abs_pct_error": ratio}, explanation)


def bias_check(df: pd.DataFrame, config: EdaConfig) -> list[BiasResult]:
    """The bias check of every sensitive attribute of `config` (rows without a target dropped)."""
    data = df.dropna(subset=[config.target]).reset_index(drop=True)
    predicted = cross_validated_predictions(data, list(config.features), config.target, config.task)
    check = _classification if config.task == "classification" else _regression
    return [check(data, config, attribute, predicted) for attribute in config.sensitive]
