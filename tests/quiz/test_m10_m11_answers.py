"""Months 10 and 11's quiz cards, their answers recomputed by independent code instead of trusted.

Month 10 (deployment): status codes and validation from a real FastAPI app through its test
client; percentiles from NumPy and the statistics module; Little's law, micro-batching, a
liveness probe, a content-addressed registry, the scheduler and the autoscaler from small
simulations of what each does. Month 11 (monitoring): drift scores and tests from scipy.stats
and statsmodels; the pipeline order from graphlib; a rolling update from a small simulation.
Every recomputed value is judged exactly as a learner's typed answer is
(`airoadmap.quiz.answers.judge`). Choice cards whose claim code can show get a demonstration;
the rest are listed as concept-only, so that a new card has to be put in one group or the other.
"""

from __future__ import annotations

import graphlib
import hashlib
import itertools
import math
import statistics
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pydantic import BaseModel
from scipy import stats

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

MONTHS = (10, 11)
ISSUE_MINIMUM = 18  # cards the months 10-11 issue asks for, each month
TOPICS = {  # card ids are mNN-<topic>-...
    10: ("http", "serve", "probe", "latency", "container", "k8s", "hpa"),
    11: ("drift", "stats", "retrain", "registry", "ci", "k8s"),
}


def month_cards(month: int | None = None) -> dict[str, Card]:
    wanted = MONTHS if month is None else (month,)
    return {c.id: c for c in all_cards() if c.month in wanted}


def card(card_id: str) -> Card:
    return month_cards()[card_id]


def named_in_prompt(card_id: str, *texts: str) -> None:
    """The prompt states exactly these numbers and names (so the test computes what it asks)."""
    prompt = card(card_id).prompt
    for text in texts:
        assert text in prompt, f"{card_id}: the prompt no longer says {text!r}"


# -- month 10: a small FastAPI app -------------------------------------------------------------


class _Loads:
    count = 0  # times the lifespan loaded the model
    calls = 0  # times the endpoint ran


class Row(BaseModel):
    """The request body of the test app (module level, so FastAPI resolves its annotation)."""

    age: float
    income: float


def _app() -> Any:
    """POST /predict with a pydantic body; the model is 'loaded' once, in the lifespan."""
    from fastapi import FastAPI

    state: dict[str, Callable[[Row], float]] = {}

    @asynccontextmanager
    async def lifespan(_: Any) -> AsyncIterator[None]:
        _Loads.count += 1
        state["model"] = lambda row: 1.0 if row.income > 3 * row.age else 0.0
        yield
        state.clear()

    app = FastAPI(lifespan=lifespan)

    @app.post("/predict")
    def predict(row: Row) -> dict[str, float]:
        _Loads.calls += 1
        if row.age < 0:
            raise ValueError("secret internals: negative age reached the model")
        return {"prediction": state["model"](row)}

    return app


def _status_codes() -> tuple[int, ...]:
    from fastapi.testclient import TestClient

    named_in_prompt(
        "m10-http-status-codes", "POST /predict", "age and income", "GET /predict", "/predcit"
    )
    with TestClient(_app()) as c:
        return (
            c.post("/predict", json={"age": 40, "income": 100}).status_code,
            c.post("/predict", json={"age": 40}).status_code,
            c.get("/predict").status_code,
            c.post("/predcit", json={"age": 40, "income": 100}).status_code,
        )


# -- month 10: serving, probes, latency --------------------------------------------------------


def _call_cost(rows: int) -> float:
    """Seconds per model call, as the prompt states: 2 ms plus 0.1 ms per row."""
    return 0.002 + 0.0001 * rows


def _served_per_second(batch: int, waiting: int = 32_000) -> float:
    """A worker drains a full queue, `batch` requests per call, on a simulated clock."""
    clock, left = 0.0, waiting
    while left:
        taken = min(batch, left)
        clock += _call_cost(taken)
        left -= taken
    return waiting / clock


def _batch_throughput() -> float:
    named_in_prompt(
        "m10-serve-batch-throughput", "2 ms plus 0.1 ms per row", "476", "batches of 32"
    )
    assert round(_served_per_second(1)) == 476
    return _served_per_second(32)


def _restart_time() -> int:
    """Probe every 10 s from t = 0; the service stops answering at t = 42."""
    named_in_prompt("m10-probe-restart-time", "periodSeconds: 10", "failureThreshold: 3", "42")
    failures = 0
    for t in range(0, 1000, 10):
        answers = t < 42
        failures = 0 if answers else failures + 1
        if failures == 3:
            return t
    raise AssertionError("never restarted")


LATENCIES = [12, 15, 11, 14, 13, 95, 12, 16, 13, 240]


def _p99() -> float:
    """The statistics module's inclusive quantiles are NumPy's default (linear) percentiles."""
    named_in_prompt("m10-latency-p99", "12, 15, 11, 14, 13, 95, 12, 16, 13 and 240 ms")
    by_statistics = statistics.quantiles(LATENCIES, n=100, method="inclusive")[98]
    assert by_statistics == pytest.approx(float(np.percentile(LATENCIES, 99)))
    assert statistics.mean(LATENCIES) == pytest.approx(44.1)  # as the explanation says
    assert statistics.median(LATENCIES) == pytest.approx(13.5)
    return by_statistics


def _percentiles() -> tuple[float, ...]:
    named_in_prompt("m10-latency-percentiles", "100 requests", "90 took 10 ms", "8 took 40 ms")
    named_in_prompt("m10-latency-percentiles", "2 took 500 ms")
    latencies = np.repeat([10.0, 40.0, 500.0], [90, 8, 2])
    rng = np.random.default_rng(0)
    shuffled = rng.permutation(latencies)
    by_numpy = tuple(float(p) for p in np.percentile(shuffled, [50, 95, 99]))
    ordered = sorted(shuffled)  # nearest rank: the ceil(q x n)-th value agrees here
    assert by_numpy[1:] == tuple(ordered[math.ceil(q * 100) - 1] for q in (0.95, 0.99))
    assert float(latencies.mean()) == pytest.approx(22.2)
    return by_numpy


def _littles_law() -> float:
    """Requests arrive at 640 a second and take 50 ms on average: the time-averaged count in
    flight, swept over the events, is the prompt's 32, and the latency measured is the answer."""
    named_in_prompt("m10-latency-littles-law", "32 requests in flight", "640 requests/s")
    rng = np.random.default_rng(0)
    horizon = 200.0
    arrivals = np.cumsum(rng.exponential(1 / 640, size=int(640 * horizon * 1.1)))
    arrivals = arrivals[arrivals < horizon]
    latencies = rng.gamma(shape=4.0, scale=0.050 / 4.0, size=arrivals.size)
    times = np.concatenate([arrivals, arrivals + latencies])
    steps = np.concatenate([np.ones(arrivals.size), -np.ones(arrivals.size)])
    order = np.argsort(times, kind="stable")
    times, in_flight = times[order], np.cumsum(steps[order])
    window = (times[:-1] > 10.0) & (times[1:] < horizon - 10.0)  # leave warm-up and drain out
    area = float(np.sum(in_flight[:-1][window] * np.diff(times)[window]))
    duration = float(np.sum(np.diff(times)[window]))
    assert area / duration == pytest.approx(32, rel=0.02)
    assert arrivals.size / horizon == pytest.approx(640, rel=0.02)
    return float(latencies.mean()) * 1000


# -- month 10: containers, Kubernetes, autoscaling --------------------------------------------


def _registry_storage() -> float:
    """Push three versions to a store keyed by sha256; sizes scaled 1 MB -> 1 KB."""
    named_in_prompt("m10-container-registry-storage", "120 MB base", "400 MB", "5 MB of code")
    named_in_prompt("m10-container-registry-storage", "three versions")
    kib = 1024
    base, deps = b"b" * 120 * kib, b"d" * 400 * kib
    store: dict[str, int] = {}
    pushed = 0
    for version in range(3):
        code = f"model service v{version}\n".encode().ljust(5 * kib, b"#")
        for layer in (base, deps, code):
            store.setdefault(hashlib.sha256(layer).hexdigest(), len(layer))
            pushed += len(layer)
    assert pushed / kib == 3 * 525  # what storing each image whole would take
    return sum(store.values()) / kib


def _pods_on_node() -> int:
    """The scheduler places pods while their requests (not limits) fit the allocatable."""
    named_in_prompt("m10-k8s-schedule-by-requests", "3.8 CPUs", "6 GiB", "500m CPU", "1 GiB")
    free_cpu_m, free_mem_mi = 3800, 6 * 1024
    request_cpu_m, request_mem_mi = 500, 1024
    limit_cpu_m = 1000
    placed = 0
    while free_cpu_m >= request_cpu_m and free_mem_mi >= request_mem_mi:
        free_cpu_m -= request_cpu_m
        free_mem_mi -= request_mem_mi
        placed += 1
    assert placed * limit_cpu_m > 3800  # limits may add up to more than the node: overcommit
    return placed


def _hpa(replicas: int, utilisation: float, target: float, tolerance: float = 0.1) -> int:
    """The fewest replicas that carry the same total load at or under the target average,
    unless the ratio is within the tolerance (then nothing changes)."""
    if abs(utilisation / target - 1) <= tolerance:
        return replicas
    total = replicas * utilisation
    return next(n for n in range(1, 1000) if total / n <= target)


def _hpa_scale_up() -> int:
    named_in_prompt("m10-hpa-scale-up", "60%", "5 replicas", "85%")
    assert round(5 * 85 / 7, 1) == 60.7  # 7 pods are still over the target, as explained
    return _hpa(5, 85, 60)


def _hpa_tolerance() -> int:
    named_in_prompt("m10-hpa-tolerance", "60%", "10%", "4 replicas", "63%")
    assert _hpa(4, 63, 60, tolerance=0.0) == 5  # without the tolerance, as explained
    return _hpa(4, 63, 60)


# -- month 11: drift scores and tests ---------------------------------------------------------


def _psi() -> float:
    """PSI is the symmetric Kullback-Leibler divergence: KL(c, r) + KL(r, c)."""
    named_in_prompt("m11-drift-psi", "250, 250, 250, 250", "40, 80, 120, 160")
    reference, current = [250, 250, 250, 250], [40, 80, 120, 160]
    return float(stats.entropy(current, reference) + stats.entropy(reference, current))


def _ks() -> float:
    named_in_prompt("m11-drift-ks", "a = [2, 4, 6, 8]", "b = [5, 7, 9, 11, 13]")
    return float(stats.ks_2samp([2, 4, 6, 8], [5, 7, 9, 11, 13]).statistic)


PAYMENTS = [[500, 300, 200], [220, 180, 100]]


def _chi2() -> float:
    named_in_prompt("m11-drift-chi2", "card 500, paypal 300, cash 200")
    named_in_prompt("m11-drift-chi2", "card 220, paypal 180, cash 100")
    result = stats.chi2_contingency(PAYMENTS)
    assert result.dof == 2 and result.pvalue == pytest.approx(0.044, abs=0.0005)
    return float(result.statistic)


def _false_alarms() -> float:
    """The binomial distribution, and 100,000 simulated runs of 40 uniform p-values."""
    named_in_prompt("m11-stats-false-alarms", "40 columns", "0.05")
    exact = float(stats.binom.sf(0, 40, 0.05))
    p_values = np.random.default_rng(0).random((100_000, 40))
    simulated = float((p_values < 0.05).any(axis=1).mean())
    assert simulated == pytest.approx(exact, abs=0.005)
    assert float(stats.binom.mean(40, 0.05)) == pytest.approx(2)
    return exact


def _bonferroni() -> float:
    from statsmodels.stats.multitest import multipletests

    named_in_prompt("m11-stats-bonferroni", "50 columns", "0.05")
    p_values = np.full(50, 0.5)
    p_values[:2] = [0.00099, 0.00101]
    reject, _, _, threshold = multipletests(p_values, alpha=0.05, method="bonferroni")
    assert reject[:2].tolist() == [True, False] and not reject[2:].any()
    return float(threshold)


BH_P_VALUES = {"age": 0.019, "income": 0.60, "city": 0.001, "tenure": 0.041, "plan": 0.012}


def _benjamini_hochberg() -> set[str]:
    from statsmodels.stats.multitest import multipletests

    text = "age 0.019, income 0.60, city 0.001, tenure 0.041, plan 0.012"
    named_in_prompt("m11-stats-benjamini-hochberg", text, "0.05")
    names, p = list(BH_P_VALUES), np.array(list(BH_P_VALUES.values()))
    by_scipy = {
        n for n, q in zip(names, stats.false_discovery_control(p), strict=True) if q <= 0.05
    }
    by_statsmodels = multipletests(p, alpha=0.05, method="fdr_bh")[0]
    assert by_scipy == {n for n, r in zip(names, by_statsmodels, strict=True) if r}
    bonferroni = multipletests(p, alpha=0.05, method="bonferroni")[0]
    assert {n for n, r in zip(names, bonferroni, strict=True) if r} == {"city"}  # as explained
    return by_scipy


def _mcnemar() -> float:
    """Two models' predictions on 2,000 rows, the table built from them, statsmodels' test."""
    from statsmodels.stats.contingency_tables import mcnemar

    named_in_prompt("m11-retrain-mcnemar", "2,000", "70 rows", "52 rows")
    both_right, only_challenger, only_champion = 1672, 70, 52
    both_wrong = 2000 - both_right - only_challenger - only_champion
    champion = np.repeat([1, 0, 1, 0], [both_right, only_challenger, only_champion, both_wrong])
    challenger = np.repeat([1, 1, 0, 0], [both_right, only_challenger, only_champion, both_wrong])
    table = [[int(np.sum((champion == a) & (challenger == b))) for b in (1, 0)] for a in (1, 0)]
    result = mcnemar(table, exact=False, correction=True)
    assert challenger.mean() - champion.mean() == pytest.approx(0.009)  # 0.9 points
    assert result.pvalue == pytest.approx(0.12, abs=0.01)
    return float(result.statistic)


# -- month 11: pipelines and rollouts ---------------------------------------------------------

CI_NEEDS = {  # step -> the steps it needs (GitHub Actions' needs:)
    1: {6},  # production after staging
    6: {5},  # staging pulls the pushed image
    5: {2},  # push what was built
    2: {3},  # build only what passed the tests
    3: {4},  # lint fails fastest, so it goes first
    4: set(),
}


def _ci_order() -> list[int]:
    named_in_prompt("m11-ci-order", "1 deploy to production", "2 build the container image")
    named_in_prompt("m11-ci-order", "3 run the tests", "4 lint", "5 push", "6 deploy to staging")
    order = list(graphlib.TopologicalSorter(CI_NEEDS).static_order())
    assert all(before in CI_NEEDS[after] for before, after in itertools.pairwise(order))  # unique
    return order


def _rolling_update() -> tuple[int, int]:
    """A rollout simulated one step at a time within maxSurge and maxUnavailable; a new pod
    becomes available one step after it is created."""
    named_in_prompt("m11-k8s-rolling-update", "10 replicas", "maxSurge 25%", "maxUnavailable 25%")
    replicas = 10
    surge, unavailable = math.ceil(replicas * 0.25), math.floor(replicas * 0.25)
    old, new_ready, new_starting = replicas, 0, 0
    most, fewest = old, old
    while new_ready < replicas or old:
        new_ready += new_starting  # last step's new pods passed their readiness probe
        new_starting = 0
        removable = max(0, min(old, old + new_ready - (replicas - unavailable)))
        old -= removable
        room = replicas + surge - (old + new_ready)
        new_starting = max(0, min(room, replicas - new_ready))
        most = max(most, old + new_ready + new_starting)
        fewest = min(fewest, old + new_ready)
    return most, fewest


RECOMPUTE: dict[str, Callable[[], Any]] = {
    "m10-http-status-codes": _status_codes,
    "m10-serve-batch-throughput": _batch_throughput,
    "m10-probe-restart-time": _restart_time,
    "m10-latency-p99": _p99,
    "m10-latency-percentiles": _percentiles,
    "m10-latency-littles-law": _littles_law,
    "m10-container-registry-storage": _registry_storage,
    "m10-k8s-schedule-by-requests": _pods_on_node,
    "m10-hpa-scale-up": _hpa_scale_up,
    "m10-hpa-tolerance": _hpa_tolerance,
    "m11-drift-psi": _psi,
    "m11-drift-ks": _ks,
    "m11-drift-chi2": _chi2,
    "m11-stats-false-alarms": _false_alarms,
    "m11-stats-bonferroni": _bonferroni,
    "m11-stats-benjamini-hochberg": _benjamini_hochberg,
    "m11-retrain-mcnemar": _mcnemar,
    "m11-ci-order": _ci_order,
    "m11-k8s-rolling-update": _rolling_update,
}


def test_every_number_and_expression_card_is_recomputed() -> None:
    assert_every_answer_recomputed(month_cards(), RECOMPUTE)


@pytest.mark.parametrize("card_id", sorted(RECOMPUTE))
def test_answer_matches_an_independent_computation(card_id: str) -> None:
    assert_answer_recomputed(card(card_id), RECOMPUTE[card_id]())


# -- choice cards whose claim code can show ----------------------------------------------------


def _validation_names_the_field() -> None:
    from fastapi.testclient import TestClient

    _Loads.calls = 0
    with TestClient(_app()) as c:
        response = c.post("/predict", json={"income": 100})
    assert response.status_code == 422
    (problem,) = response.json()["detail"]
    assert problem["loc"] == ["body", "age"] and problem["type"] == "missing"
    assert _Loads.calls == 0  # the endpoint never ran


def _uncaught_error_is_a_plain_500() -> None:
    from fastapi.testclient import TestClient

    with TestClient(_app(), raise_server_exceptions=False) as c:
        response = c.post("/predict", json={"age": -1, "income": 100})
    assert response.status_code == 500
    assert "secret" not in response.text and "Internal Server Error" in response.text


def _lifespan_loads_once() -> None:
    from fastapi.testclient import TestClient

    _Loads.count = 0
    with TestClient(_app()) as c:
        for income in range(5):
            assert c.post("/predict", json={"age": 1, "income": income}).status_code == 200
    assert _Loads.count == 1


def _psi_of(reference: np.ndarray, current: np.ndarray, edges: np.ndarray) -> float:
    r = np.histogram(reference, edges)[0] / reference.size
    c = np.histogram(current, edges)[0] / current.size
    return float(np.sum((c - r) * np.log(c / r)))


def _empty_bin_is_infinite() -> None:
    reference, current = np.array([0.05, 0.45, 0.5]), np.array([0.0, 0.5, 0.5])
    with np.errstate(divide="ignore"):
        raw = np.sum((current - reference) * np.log(current / reference))
    assert raw == np.inf
    assert np.sum(stats.entropy(current, reference) + stats.entropy(reference, current)) == np.inf
    floor = 0.0001
    c, r = np.clip(current, floor, None), np.clip(reference, floor, None)
    assert np.isfinite(np.sum((c - r) * np.log(c / r)))


def _decile_bins_hold_equal_shares() -> None:
    rng = np.random.default_rng(0)
    income = rng.lognormal(mean=10.5, sigma=1.0, size=20_000)
    deciles = np.quantile(income, np.linspace(0, 1, 11))
    shares = np.histogram(income, deciles)[0] / income.size
    np.testing.assert_allclose(shares, 0.1, atol=1e-3)
    widths = np.linspace(income.min(), income.max(), 11)
    wide = np.histogram(income, widths)[0] / income.size
    assert wide.max() > 0.7 and wide.min() < 0.001


def _large_samples_make_tiny_shifts_significant() -> None:
    rng = np.random.default_rng(0)
    reference = rng.normal(size=100_000)
    current = rng.normal(loc=0.05, size=100_000)
    result = stats.ks_2samp(reference, current)
    assert result.pvalue < 1e-10 and 0.01 < result.statistic < 0.03
    edges = np.quantile(reference, np.linspace(0, 1, 11))
    edges[0], edges[-1] = -np.inf, np.inf
    assert _psi_of(reference, current, edges) == pytest.approx(0.003, abs=0.001)  # < 0.1


def _chi_square_ignores_the_coding() -> None:
    rng = np.random.default_rng(0)
    reference = rng.choice(3, size=3000, p=[0.5, 0.3, 0.2])
    current = rng.choice(3, size=3000, p=[0.3, 0.4, 0.3])
    renumber = np.array([1, 0, 2])  # another, equally arbitrary coding
    ks = [
        stats.ks_2samp(reference, current),
        stats.ks_2samp(renumber[reference], renumber[current]),
    ]
    assert abs(ks[0].statistic - ks[1].statistic) > 0.05

    def chi2(ref: np.ndarray, cur: np.ndarray) -> float:
        table = [np.bincount(ref, minlength=3), np.bincount(cur, minlength=3)]
        return float(stats.chi2_contingency(table).statistic)

    assert chi2(reference, current) == pytest.approx(chi2(renumber[reference], renumber[current]))
    assert (
        stats.chi2_contingency(
            [np.bincount(reference, minlength=3), np.bincount(current, minlength=3)]
        ).pvalue
        < 1e-6
    )


def _concept_drift_hides_from_input_tests() -> None:
    rng = np.random.default_rng(0)
    before, after = rng.normal(size=5000), rng.normal(size=5000)
    y_before, y_after = before > 0, after > 0.7  # the same x now means something else

    def model(x: np.ndarray) -> np.ndarray:  # learned before the change: perfect then
        return x > 0

    assert stats.ks_2samp(before, after).pvalue > 0.05  # the inputs look the same
    assert np.mean(model(before) == y_before) == 1.0
    assert np.mean(model(after) == y_after) < 0.8  # the accuracy fell


CHOICE_DEMOS: dict[str, tuple[str, Callable[[], None]]] = {
    # card -> (words only its right choice contains, the demonstration)
    "m10-http-validation": ("names the field's location", _validation_names_the_field),
    "m10-http-uncaught-error": ("A 500 Internal Server Error", _uncaught_error_is_a_plain_500),
    "m10-serve-load-once": ("Once at startup", _lifespan_loads_once),
    "m11-drift-psi-empty-bin": ("An infinite PSI", _empty_bin_is_infinite),
    "m11-drift-psi-quantile-bins": ("every bin holds 10%", _decile_bins_hold_equal_shares),
    "m11-drift-ks-large-n": (
        "judge the effect size",
        _large_samples_make_tiny_shifts_significant,
    ),
    "m11-drift-which-test": ("chi-square test on the table", _chi_square_ignores_the_coding),
    "m11-drift-concept": ("Concept drift", _concept_drift_hides_from_input_tests),
}
CONCEPT_ONLY = {  # no short code can show these without a cluster or a daemon; the
    # explanations carry them
    "m10-serve-async-blocking",
    "m10-probe-readiness",
    "m10-probe-liveness",
    "m10-container-layer-order",
    "m10-container-deleted-files",
    "m10-k8s-service",
    "m10-k8s-limits",
    "m11-drift-adwin",
    "m11-retrain-when",
    "m11-retrain-label-delay",
    "m11-registry-champion-challenger",
    "m11-registry-rollback",
    "m11-ci-pin-actions",
    "m11-k8s-cronjob",
}


def test_every_choice_card_is_demonstrated_or_marked_concept_only() -> None:
    assert_choices_classified(month_cards(), CHOICE_DEMOS, CONCEPT_ONLY)


@pytest.mark.parametrize("card_id", sorted(CHOICE_DEMOS))
def test_choice_claim_holds_in_code(card_id: str) -> None:
    assert_claim_holds(card(card_id), CHOICE_DEMOS[card_id])


# -- the months as a whole --------------------------------------------------------------------


@pytest.mark.parametrize("month", MONTHS)
def test_month_has_enough_cards_of_every_kind(month: int) -> None:
    assert_card_mix(month_cards(month), max(MIN_CARDS_PER_MONTH, ISSUE_MINIMUM))


@pytest.mark.parametrize("month", MONTHS)
def test_every_topic_has_its_cards(month: int) -> None:
    for topic, cards in cards_by_topic(month_cards(month), f"m{month}", TOPICS[month]).items():
        assert len(cards) >= 2, topic


def test_the_issue_topics_are_asked() -> None:
    """Status codes, probes, p99, Little's law, layers, Kubernetes, the HPA; PSI and KS as
    numbers, the test per column type, corrections, retraining, champion/challenger, CI/CD."""
    kinds = {
        "m10-http-status-codes": ExpressionCard,
        "m10-probe-readiness": ChoiceCard,
        "m10-probe-liveness": ChoiceCard,
        "m10-latency-p99": NumberCard,
        "m10-latency-littles-law": NumberCard,
        "m10-container-layer-order": ChoiceCard,
        "m10-k8s-service": ChoiceCard,
        "m10-hpa-scale-up": NumberCard,
        "m11-drift-psi": NumberCard,
        "m11-drift-ks": NumberCard,
        "m11-drift-which-test": ChoiceCard,
        "m11-stats-bonferroni": NumberCard,
        "m11-stats-benjamini-hochberg": ExpressionCard,
        "m11-retrain-when": ChoiceCard,
        "m11-registry-champion-challenger": ChoiceCard,
        "m11-ci-order": ExpressionCard,
    }
    for card_id, kind in kinds.items():
        assert isinstance(card(card_id), kind), card_id


def test_text_reads_as_plain_text_in_a_terminal() -> None:
    assert_plain_text(month_cards())


@pytest.mark.parametrize("month", MONTHS)
def test_airoadmap_quiz_asks_the_month(
    month: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """`airoadmap quiz --month N` lists every card and takes a right answer to each."""
    cards = month_cards(month)
    assert_quiz_asks_month(month, cards, len(cards), tmp_path, monkeypatch)
