"""What an EDA report looks at, per data set: the target, the columns, the tests, the bias check.

The report generator is generic; everything specific to a data set lives in one `EdaConfig`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

TestKind = Literal["chi2", "welch", "mannwhitney", "kruskal", "spearman"]


@dataclass(frozen=True)
class Hypothesis:
    """One hypothesis test: `column` measured (or compared) against `by`.

    chi2: are two categorical columns associated? welch / mannwhitney: does `column` differ
    between the two groups of `by`? kruskal: across the groups of `by`? spearman: do the
    two numeric columns rise together?
    """

    kind: TestKind
    column: str
    by: str
    question: str  # in plain words, as the reader would ask it


@dataclass(frozen=True)
class EdaConfig:
    """One data set's report."""

    name: str  # file stem of the report: "titanic" -> titanic_report.html
    dataset: str  # registry name for airoadmap.datasets.load_frame
    title: str
    target: str
    task: Literal["classification", "regression"]  # classification: a 0/1 target
    columns: tuple[str, ...]  # profiled: distributions, outliers, relations with the target
    features: tuple[str, ...]  # the bias check's model learns from these
    drop: tuple[str, ...] = ()  # removed first (identifiers, columns that leak the target)
    tests: tuple[Hypothesis, ...] = ()  # hypothesis tests, in the order shown
    sensitive: tuple[str, ...] = ()  # attributes of the bias check
    bias_context: str = ""  # what the analyst knows about where a disparity comes from
    notes: tuple[str, ...] = field(default=())  # shown under the overview
    alpha: float = 0.05  # significance level of every test


TITANIC = EdaConfig(
    name="titanic",
    dataset="titanic",
    title="Titanic passengers: who survived?",
    target="survived",
    task="classification",
    columns=("pclass", "sex", "age", "sibsp", "parch", "fare", "embarked"),
    features=("pclass", "sex", "age", "sibsp", "parch", "fare", "embarked"),
    drop=("boat", "body"),
    tests=(
        Hypothesis(
            "chi2",
            "sex",
            "survived",
            "Did women and men survive at different rates?",
        ),
        Hypothesis(
            "mannwhitney",
            "fare",
            "survived",
            "Did survivors pay different fares? (fares are skewed: compare ranks)",
        ),
        Hypothesis(
            "welch",
            "age",
            "survived",
            "Were survivors younger or older on average?",
        ),
    ),
    sensitive=("sex", "pclass"),
    bias_context=(
        "On the Titanic the disparity is history, not a measurement error: the crew loaded "
        "the lifeboats 'women and children first', and third-class cabins were furthest from "
        "the boat deck. A model trained on these data learns that history; used to decide "
        "about people today (an insurance price, a rescue priority), it would repeat it."
    ),
    notes=(
        "boat and body are dropped: they are only known after the sinking and give the "
        "answer away.",
        "The 1309 passengers are Kaggle's train and test sets together.",
    ),
)

AMES = EdaConfig(
    name="ames",
    dataset="ames",
    title="Ames house prices: what sets the price?",
    target="sale_price",
    task="regression",
    columns=(
        "gr_liv_area",
        "overall_qual",
        "year_built",
        "total_bsmt_sf",
        "garage_cars",
        "lot_area",
        "neighborhood",
        "bldg_type",
        "central_air",
    ),
    features=(
        "gr_liv_area",
        "overall_qual",
        "overall_cond",
        "year_built",
        "year_remod_add",
        "total_bsmt_sf",
        "garage_cars",
        "lot_area",
        "full_bath",
        "fireplaces",
        "neighborhood",
        "bldg_type",
        "central_air",
    ),
    drop=("order", "pid"),
    tests=(
        Hypothesis(
            "spearman",
            "gr_liv_area",
            "sale_price",
            "Do bigger houses sell for more?",
        ),
        Hypothesis(
            "kruskal",
            "sale_price",
            "neighborhood",
            "Do prices differ between neighbourhoods?",
        ),
        Hypothesis(
            "mannwhitney",
            "sale_price",
            "central_air",
            "Do houses with central air conditioning sell for more?",
        ),
    ),
    sensitive=("bldg_type",),
    bias_context=(
        "An automated valuation that is less accurate for some kinds of home treats their "
        "owners differently: a mortgage or a tax assessment built on it errs more often for "
        "them. Such groups are usually the small ones, with few sales to learn from."
    ),
    notes=("order and pid are dropped: they identify the sale.",),
)

CONFIGS: tuple[EdaConfig, ...] = (TITANIC, AMES)
