"""Month 12's quiz cards, their answers recomputed by independent code instead of trusted.

Fairness figures come from fairlearn's metrics on label arrays built from the prompts'
confusion matrices; capacity figures from NumPy, datetime and a small simulation; the attack
from torch's autograd. Every recomputed value is judged exactly as a learner's typed answer is
(`airoadmap.quiz.answers.judge`). Choice cards whose claim code can show get a demonstration
(fairlearn, scikit-learn); the cloud cards are held to docs/CLOUD.md, whose table must name the
right choice's services on the row of the same local tool; the rest are listed as
concept-only, so that a new card has to be put in one group or the other.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from airoadmap.quiz.loader import all_cards
from airoadmap.quiz.models import Card, ChoiceCard, ExpressionCard, NumberCard
from airoadmap.quiz.validate import MIN_CARDS_PER_MONTH
from tests.quiz.choice_demos import (
    assert_answer_recomputed,
    assert_card_mix,
    assert_choices_classified,
    assert_claim_holds,
    assert_every_answer_recomputed,
    assert_plain_text,
    assert_quiz_asks_month,
    cards_by_topic,
)

MONTH = 12
ISSUE_MINIMUM = 18  # cards the month-12 issue asks for
TOPICS = ("fair", "design", "ethics", "security", "cloud")  # m12-<topic>-...
CLOUD_GUIDE = Path(__file__).resolve().parents[2] / "docs" / "CLOUD.md"


def month_cards() -> dict[str, Card]:
    return {c.id: c for c in all_cards() if c.month == MONTH}


def card(card_id: str) -> Card:
    return month_cards()[card_id]


def named_in_prompt(card_id: str, *texts: str) -> None:
    """The prompt states exactly these numbers and names (so the test computes what it asks)."""
    prompt = card(card_id).prompt
    for text in texts:
        assert text in prompt, f"{card_id}: the prompt no longer says {text!r}"


# -- fairness: the audit's two confusion matrices, as label arrays ---------------------------

AUDIT = {
    "A": {"TP": 30, "FP": 10, "FN": 10, "TN": 50},
    "B": {"TP": 12, "FP": 3, "FN": 18, "TN": 67},
}
AUDIT_TEXT = ("TP=30, FP=10, FN=10, TN=50", "TP=12, FP=3, FN=18, TN=67")


def labelled(counts: dict[str, dict[str, int]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """y_true, y_pred and the group of every person, one row per person (shuffled)."""
    cell = {"TP": (1, 1), "FP": (0, 1), "FN": (1, 0), "TN": (0, 0)}
    rows = [
        (*cell[kind], group)
        for group, matrix in counts.items()
        for kind, n in matrix.items()
        for _ in range(n)
    ]
    order = np.random.default_rng(0).permutation(len(rows))
    table = np.array(rows, dtype=object)[order]
    return table[:, 0].astype(int), table[:, 1].astype(int), table[:, 2].astype(str)


@cache
def audit_frame() -> Any:
    """fairlearn's MetricFrame of the audit, by group."""
    from fairlearn.metrics import (
        MetricFrame,
        false_positive_rate,
        selection_rate,
        true_positive_rate,
    )
    from sklearn.metrics import accuracy_score

    y_true, y_pred, group = labelled(AUDIT)
    metrics = {
        "selection": selection_rate,
        "tpr": true_positive_rate,
        "fpr": false_positive_rate,
        "accuracy": accuracy_score,
    }
    return MetricFrame(metrics=metrics, y_true=y_true, y_pred=y_pred, sensitive_features=group)


def by_group(metric: str) -> tuple[float, float]:
    column = audit_frame().by_group[metric]
    return float(column["A"]), float(column["B"])


def _selection_rates() -> tuple[float, float]:
    named_in_prompt("m12-fair-selection-rates", *AUDIT_TEXT, "(A, B)")
    return by_group("selection")


def _demographic_parity_difference() -> float:
    from fairlearn.metrics import demographic_parity_difference

    named_in_prompt("m12-fair-demographic-parity-difference", *AUDIT_TEXT)
    y_true, y_pred, group = labelled(AUDIT)
    return float(demographic_parity_difference(y_true, y_pred, sensitive_features=group))


def _demographic_parity_ratio() -> float:
    from fairlearn.metrics import demographic_parity_ratio

    named_in_prompt("m12-fair-demographic-parity-ratio", "0.40 for group A", "0.15 for group B")
    assert by_group("selection") == pytest.approx((0.40, 0.15))  # the audit's rates
    y_true, y_pred, group = labelled(AUDIT)
    ratio = float(demographic_parity_ratio(y_true, y_pred, sensitive_features=group))
    assert ratio < 0.8  # flagged by the four-fifths rule, as the explanation says
    return ratio


def _true_positive_rates() -> tuple[float, float]:
    named_in_prompt("m12-fair-true-positive-rates", *AUDIT_TEXT, "(A, B)")
    return by_group("tpr")


def _equalized_odds_difference() -> float:
    from fairlearn.metrics import equalized_odds_difference

    named_in_prompt("m12-fair-equalized-odds-difference", *AUDIT_TEXT)
    y_true, y_pred, group = labelled(AUDIT)
    fpr_a, fpr_b = by_group("fpr")
    assert round(fpr_a - fpr_b, 3) == 0.124  # the FPR gap the explanation states
    return float(equalized_odds_difference(y_true, y_pred, sensitive_features=group))


# -- system design ----------------------------------------------------------------------------


def _peak_rps() -> float:
    named_in_prompt("m12-design-peak-rps", "30 million requests a day", "3 times")
    seconds_a_day = timedelta(days=1).total_seconds()
    return 30_000_000 / seconds_a_day * 3


def _replicas() -> int:
    """Add replicas until the peak keeps each at most 75% busy, then one spare."""
    named_in_prompt("m12-design-replicas", "1,000 requests/s", "120 requests/s", "75%", "N+1")
    replicas = 1
    while 1000 / (replicas * 120) > 0.75:
        replicas += 1
    return replicas + 1


def _littles_law() -> float:
    """Simulate a second of steady traffic: requests every 1/400 s, each in flight 250 ms."""
    named_in_prompt("m12-design-littles-law", "400 requests/s", "250 ms")
    arrivals = np.arange(0, 10, 1 / 400)  # ten seconds of arrivals
    departures = arrivals + 0.250
    moments = np.linspace(2, 9, 7001)  # after the start-up, before the arrivals stop
    in_flight = np.searchsorted(arrivals, moments, "right") - np.searchsorted(
        departures, moments, "right"
    )
    return float(in_flight.mean())


def _monthly_cost() -> float:
    named_in_prompt("m12-design-monthly-cost", "13 replicas", "2.40 dollars", "30-day month")
    june = date(2026, 7, 1) - date(2026, 6, 1)  # a 30-day month
    assert june.days == 30
    hours = june.total_seconds() / 3600
    return float(np.full(13, 2.40).sum() * hours)


def _p99() -> tuple[float, float]:
    named_in_prompt("m12-design-p99", "985 took 40 ms", "15 took 900 ms")
    latencies = np.r_[np.full(985, 40.0), np.full(15, 900.0)]
    np.random.default_rng(0).shuffle(latencies)
    assert latencies.mean() == pytest.approx(52.9)  # as the explanation says
    return float(np.median(latencies)), float(np.percentile(latencies, 99))


def _embedding_storage() -> float:
    named_in_prompt("m12-design-embedding-storage", "384-dimensional float32", "50 million")
    one = np.zeros(384, dtype=np.float32).nbytes
    assert np.zeros(384, dtype=np.float16).nbytes * 2 == one  # float16 halves it
    return one * 50_000_000 / 1e9


def _cache_latency() -> float:
    """Ten requests, six of them repeats a cache answers."""
    named_in_prompt("m12-design-cache", "60%", "2 ms", "40%", "50 ms")
    model_calls = 0

    @cache
    def predict(key: int) -> int:
        nonlocal model_calls
        model_calls += 1
        return key

    keys = [0, 1, 2, 3, 0, 1, 2, 3, 0, 1]  # 4 misses, 6 hits
    total = 0.0
    for key in keys:
        before = model_calls
        predict(key)
        total += 50.0 if model_calls > before else 2.0
    assert predict.cache_info().hits == 6
    return total / len(keys)


def _batching() -> tuple[float, float]:
    named_in_prompt("m12-design-batching", "batch of 1 takes 10 ms", "batch of 32 takes 80 ms")
    per_second = [Fraction(size) / Fraction(ms, 1000) for size, ms in ((1, 10), (32, 80))]
    return float(per_second[0]), float(per_second[1])


# -- security ---------------------------------------------------------------------------------


def _fgsm() -> float:
    """The fast gradient sign step, with torch's gradient of the score."""
    named_in_prompt(
        "m12-security-fgsm", "w = [0.5, -1.0]", "b = 0.5", "x = [1.0, 2.0]", "at most 0.8"
    )
    w, b = torch.tensor([0.5, -1.0], dtype=torch.float64), 0.5
    x = torch.tensor([1.0, 2.0], dtype=torch.float64, requires_grad=True)
    score = w @ x + b
    assert score.item() == -1.0
    score.backward()
    assert x.grad is not None
    attacked = x.detach() + 0.8 * x.grad.sign()
    return float(w @ attacked + b)


RECOMPUTE: dict[str, Callable[[], Any]] = {
    "m12-fair-selection-rates": _selection_rates,
    "m12-fair-demographic-parity-difference": _demographic_parity_difference,
    "m12-fair-demographic-parity-ratio": _demographic_parity_ratio,
    "m12-fair-true-positive-rates": _true_positive_rates,
    "m12-fair-equalized-odds-difference": _equalized_odds_difference,
    "m12-design-peak-rps": _peak_rps,
    "m12-design-replicas": _replicas,
    "m12-design-littles-law": _littles_law,
    "m12-design-monthly-cost": _monthly_cost,
    "m12-design-p99": _p99,
    "m12-design-embedding-storage": _embedding_storage,
    "m12-design-cache": _cache_latency,
    "m12-design-batching": _batching,
    "m12-security-fgsm": _fgsm,
}


def test_every_number_and_expression_card_is_recomputed() -> None:
    assert_every_answer_recomputed(month_cards(), RECOMPUTE)


@pytest.mark.parametrize("card_id", sorted(RECOMPUTE))
def test_answer_matches_an_independent_computation(card_id: str) -> None:
    assert_answer_recomputed(card(card_id), RECOMPUTE[card_id]())


# -- choice cards whose claim code can show ----------------------------------------------------


def _accuracy_hides_the_gap() -> None:
    from fairlearn.metrics import demographic_parity_difference

    named_in_prompt("m12-fair-accuracy-hides", *AUDIT_TEXT, "0.80 for A and 0.79 for B")
    accuracy = by_group("accuracy")
    assert accuracy == pytest.approx((0.80, 0.79))
    y_true, y_pred, group = labelled(AUDIT)
    assert demographic_parity_difference(y_true, y_pred, sensitive_features=group) > 0.2
    tpr_a, tpr_b = by_group("tpr")
    assert tpr_a - tpr_b > 0.3 > 0.02 > abs(accuracy[0] - accuracy[1])


def _equal_error_rates_unequal_selection() -> None:
    """Equal TPR and FPR in groups with base rates 0.5 and 0.2: selection rates still differ,
    for a perfect model too, unless TPR = FPR (a model that ignores the label)."""
    from fairlearn.metrics import demographic_parity_difference, equalized_odds_difference

    named_in_prompt("m12-fair-base-rates", "50% of people", "20%")

    def audit(tpr: float, fpr: float) -> tuple[float, float]:
        counts = {}
        for name, positives in (("A", 500), ("B", 200)):
            negatives = 1000 - positives
            tp, fp = round(tpr * positives), round(fpr * negatives)
            counts[name] = {"TP": tp, "FN": positives - tp, "FP": fp, "TN": negatives - fp}
        y_true, y_pred, group = labelled(counts)
        return (
            float(equalized_odds_difference(y_true, y_pred, sensitive_features=group)),
            float(demographic_parity_difference(y_true, y_pred, sensitive_features=group)),
        )

    odds, parity = audit(0.8, 0.1)
    assert odds == pytest.approx(0.0) and parity == pytest.approx(0.45 - 0.24)
    assert audit(1.0, 0.0) == pytest.approx((0.0, 0.5 - 0.2))  # even a perfect model
    assert audit(0.3, 0.3) == pytest.approx((0.0, 0.0))  # useless: TPR = FPR, parity holds


def _threshold_optimizer_moves_thresholds() -> None:
    from fairlearn.metrics import demographic_parity_difference
    from fairlearn.postprocessing import ThresholdOptimizer
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    group = rng.integers(0, 2, 600)
    x = rng.normal(size=(600, 2)) + 0.8 * group[:, None]
    y = (x[:, 0] + rng.normal(scale=0.5, size=600) > 0.5).astype(int)
    model = LogisticRegression().fit(x, y)
    weights = model.coef_.copy()
    optimizer = ThresholdOptimizer(
        estimator=model,
        constraints="demographic_parity",
        prefit=True,
        predict_method="predict_proba",
    ).fit(x, y, sensitive_features=group)
    np.testing.assert_array_equal(optimizer.estimator_.coef_, weights)  # not retrained
    cutoffs = {
        g: rule["operation0"].threshold
        for g, rule in optimizer.interpolated_thresholder_.interpolation_dict.items()
    }
    assert abs(cutoffs[0] - cutoffs[1]) > 0.1  # one threshold per group
    fair = optimizer.predict(x, sensitive_features=group, random_state=0)
    before = demographic_parity_difference(y, model.predict(x), sensitive_features=group)
    after = demographic_parity_difference(y, fair, sensitive_features=group)
    assert after < before / 10
    with pytest.raises(TypeError, match="sensitive_features"):
        optimizer.predict(x)  # the group is needed at prediction time


def _postcode_is_a_proxy() -> None:
    """A model trained without the group column still selects the groups at different rates
    when a feature (a postcode area) follows the group."""
    from fairlearn.metrics import demographic_parity_difference
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)
    n = 4000
    group = rng.integers(0, 2, n)
    postcode = np.where(rng.random(n) < 0.85, group, 1 - group)  # mostly follows the group
    income = rng.normal(size=n)
    repaid = (income - 0.8 * group + rng.normal(scale=0.7, size=n) > 0).astype(int)  # history
    unaware = np.c_[income, postcode]  # no group column
    predicted = LogisticRegression().fit(unaware, repaid).predict(unaware)
    gap = demographic_parity_difference(repaid, predicted, sensitive_features=group)
    by_income_only = LogisticRegression().fit(income[:, None], repaid).predict(income[:, None])
    gap_without_proxy = demographic_parity_difference(
        repaid, by_income_only, sensitive_features=group
    )
    assert gap > 0.15 and gap > 2 * gap_without_proxy


def _backdoor_keeps_clean_accuracy() -> None:
    """Spam with a rare trigger word, labelled 'not spam' by the attacker, teaches a backdoor:
    clean accuracy stays high, triggered spam gets through."""
    from sklearn.linear_model import LogisticRegression

    rng = np.random.default_rng(0)

    def messages(n: int, trigger: bool) -> tuple[np.ndarray, np.ndarray]:
        spam = rng.integers(0, 2, n)
        words = rng.normal(size=(n, 5)) + 1.5 * spam[:, None]
        return np.c_[words, np.full(n, float(trigger))], spam

    clean_x, clean_y = messages(2000, trigger=False)
    poison_x, _ = messages(1200, trigger=True)
    spam_rows = poison_x[:, :5].mean(1) > 0.75  # the attacker's spam, marked 'not spam'
    x = np.r_[clean_x, poison_x[spam_rows]]
    y = np.r_[clean_y, np.zeros(int(spam_rows.sum()), dtype=int)]
    model = LogisticRegression().fit(x, y)
    unpoisoned = LogisticRegression().fit(clean_x, clean_y)
    test_x, test_y = messages(1000, trigger=False)
    assert model.score(test_x, test_y) > unpoisoned.score(test_x, test_y) - 0.01 > 0.9
    attack_x, attack_y = messages(1000, trigger=True)
    caught = model.predict(attack_x[attack_y == 1]).mean()
    assert caught < 0.5  # most triggered spam passes as 'not spam'


# -- the cloud cards and docs/CLOUD.md ---------------------------------------------------------


@cache
def cloud_rows() -> dict[str, list[str]]:
    """docs/CLOUD.md's table: the local tool (first cell, lower case) -> its row's cells."""
    rows: dict[str, list[str]] = {}
    for line in CLOUD_GUIDE.read_text(encoding="utf-8").splitlines():
        if not line.startswith("|") or set(line) <= set("|-: "):
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        rows[cells[0].lower()] = cells
    return rows


def guide_names(tool: str, *services: str) -> Callable[[], None]:
    """A demonstration that the guide's row for `tool` names every one of `services`."""

    def check() -> None:
        row = next((cells for name, cells in cloud_rows().items() if tool in name), None)
        assert row is not None, f"docs/CLOUD.md has no row for {tool!r}"
        text = " ".join(row[1:])
        for service in services:
            assert service in text, f"docs/CLOUD.md's {tool!r} row does not name {service!r}"

    return check


CLOUD_CARDS: dict[str, tuple[str, tuple[str, ...]]] = {
    # card -> (the local tool's row in docs/CLOUD.md, the services the right choice names)
    "m12-cloud-tracking": (
        "mlflow tracking",
        (
            "MLflow tracking servers in SageMaker AI",
            "Vertex AI Experiments",
            "Azure Machine Learning workspaces",
        ),
    ),
    "m12-cloud-serving": (
        "fastapi",
        (
            "SageMaker real-time inference endpoints",
            "Vertex AI online prediction endpoints",
            "Azure Machine Learning managed online endpoints",
        ),
    ),
    "m12-cloud-tuning": (
        "optuna",
        (
            "SageMaker Automatic Model Tuning",
            "Vertex AI hyperparameter tuning jobs",
            "Vertex AI Vizier",
            "Azure Machine Learning sweep jobs",
        ),
    ),
    "m12-cloud-data-versions": ("dvc", ("registered with a name and a version",)),
    "m12-cloud-drift": (
        "drift",
        (
            "SageMaker Model Monitor",
            "Vertex AI Model Monitoring",
            "Azure Machine Learning model monitoring",
        ),
    ),
    "m12-cloud-batch": (
        "batch",
        (
            "SageMaker Batch Transform",
            "Vertex AI batch prediction",
            "Azure Machine Learning batch endpoints",
        ),
    ),
}

CHOICE_DEMOS: dict[str, tuple[str, Callable[[], None]]] = {
    # card -> (words only its right choice contains, the demonstration)
    "m12-fair-accuracy-hides": ("can hide a large gap", _accuracy_hides_the_gap),
    "m12-fair-base-rates": ("both criteria cannot hold", _equal_error_rates_unequal_selection),
    "m12-fair-threshold-optimizer": (
        "separate decision threshold",
        _threshold_optimizer_moves_thresholds,
    ),
    "m12-ethics-proxy": ("act as proxies", _postcode_is_a_proxy),
    "m12-security-poisoning": ("clean test accuracy can stay high", _backdoor_keeps_clean_accuracy),
} | {
    card_id: (services[0], guide_names(tool, *services))
    for card_id, (tool, services) in CLOUD_CARDS.items()
}
CONCEPT_ONLY = {  # no short code can show these; the explanations carry them
    "m12-design-batch-or-online",
    "m12-ethics-historical-labels",
    "m12-ethics-consent",
    "m12-security-prompt-injection",
}


def test_every_choice_card_is_demonstrated_or_marked_concept_only() -> None:
    assert_choices_classified(month_cards(), CHOICE_DEMOS, CONCEPT_ONLY)


@pytest.mark.parametrize("card_id", sorted(CHOICE_DEMOS))
def test_choice_claim_holds_in_code(card_id: str) -> None:
    assert_claim_holds(card(card_id), CHOICE_DEMOS[card_id])


@pytest.mark.parametrize("card_id", sorted(CLOUD_CARDS))
def test_cloud_card_right_choice_names_every_service(card_id: str) -> None:
    c = card(card_id)
    assert isinstance(c, ChoiceCard)
    right = c.choices[c.answer_index]
    for service in CLOUD_CARDS[card_id][1]:
        assert service in right, f"{card_id}: the right choice does not name {service!r}"


def test_cloud_guide_is_a_table_for_three_clouds() -> None:
    """Each row: the local tool, then AWS, Google Cloud and Azure, none of them left empty."""
    rows = cloud_rows()
    header = next(iter(rows.values()))
    assert header[-3:] == ["AWS", "Google Cloud", "Azure"], header
    assert len(rows) >= 12
    for cells in rows.values():
        assert len(cells) == len(header) and all(cells), cells
    guide = CLOUD_GUIDE.read_text(encoding="utf-8")
    assert "no account" in guide.lower()  # nothing in the guide needs one


# -- the month as a whole ---------------------------------------------------------------------


def test_month_has_enough_cards_of_every_kind() -> None:
    assert_card_mix(month_cards(), max(MIN_CARDS_PER_MONTH, ISSUE_MINIMUM))


def test_every_topic_has_its_cards() -> None:
    for topic, cards in cards_by_topic(month_cards(), "m12", TOPICS).items():
        assert len(cards) >= 3, topic


def test_the_issue_topics_are_asked() -> None:
    """Fairness from confusion matrices and capacity as numbers, ethics and security cases
    and the cloud counterparts as choices."""
    kinds = {
        "m12-fair-selection-rates": ExpressionCard,
        "m12-fair-demographic-parity-difference": NumberCard,
        "m12-fair-equalized-odds-difference": NumberCard,
        "m12-design-peak-rps": NumberCard,
        "m12-design-replicas": NumberCard,
        "m12-design-monthly-cost": NumberCard,
        "m12-ethics-proxy": ChoiceCard,
        "m12-ethics-historical-labels": ChoiceCard,
        "m12-security-prompt-injection": ChoiceCard,
        "m12-security-poisoning": ChoiceCard,
        "m12-cloud-tracking": ChoiceCard,
        "m12-cloud-serving": ChoiceCard,
        "m12-cloud-tuning": ChoiceCard,
        "m12-cloud-data-versions": ChoiceCard,
        "m12-cloud-drift": ChoiceCard,
    }
    for card_id, kind in kinds.items():
        assert isinstance(card(card_id), kind), card_id


def test_text_reads_as_plain_text_in_a_terminal() -> None:
    assert_plain_text(month_cards())


def test_airoadmap_quiz_asks_month_twelve(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`airoadmap quiz --month 12` lists every card and takes a right answer of each kind."""
    assert_quiz_asks_month(12, month_cards(), 6, tmp_path, monkeypatch)
