"""m05-kmeans: what is specific to K-Means.

The contract table (submissions/m05_kmeans/contract.toml) runs in tests/content/test_contracts.py,
every held-back submission in tests/content/test_submissions.py. Here: the power of the
statistical checks, their determinism, and the reference solution beyond the checks.
"""

from __future__ import annotations

import importlib
import math
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir
from tests.content.contracts import exercise, load, load_checks, load_module

pytestmark = pytest.mark.usefixtures("one_thread")

EXERCISE = "m05-kmeans"
FOLDER = exercise_dir(EXERCISE)
TABLE = load(EXERCISE)
CHECKS = load_checks(EXERCISE, "m05_kmeans_checks_constants")

# The checks that count outcomes over seeds (each must give one verdict, run after run).
STATISTICAL = ("kmeanspp_seeding", "kmeanspp_draws_d2", "n_init_best_of_runs")


def test_exercise_settings() -> None:
    ex = exercise(EXERCISE)
    assert ex.files == ["kmeans.py"] and ex.month == 5
    assert "sklearn" in ex.forbidden_imports


# --- the power of the statistical checks -----------------------------------------------------


def _binom_cdf(k: int, n: int, p: float) -> float:
    """P(Bin(n, p) <= k), exactly."""
    return math.fsum(math.comb(n, i) * p**i * (1 - p) ** (n - i) for i in range(0, k + 1))


def _binom_sf(k: int, n: int, p: float) -> float:
    """P(Bin(n, p) >= k)."""
    return 1.0 - _binom_cdf(k - 1, n, p) if k > 0 else 1.0


Groups = dict[str, tuple[int, np.ndarray]]


def _potential(groups: Groups, first: np.ndarray, candidate: np.ndarray) -> float:
    """sum D^2 over the data once `candidate` joins `first` as a center."""
    return sum(
        size * min(float(((at - first) ** 2).sum()), float(((at - candidate) ** 2).sum()))
        for size, at in groups.values()
    )


def _c_seeded(c: tuple[float, float], b: tuple[float, float], b_size: int, rule: str) -> float:
    """P(the lone sample C is one of the two seeds) for a seeding rule, on the groups of
    `_three_groups` (C: 1 sample at c, A: 1000 at the origin, B: b_size at b; the jitter of
    0.01 is left out), the first seed uniform (or X[0] = C for "first X[0]").

    rule: "d2" (plain k-means++), "greedy<t>" (t candidates drawn by D^2, the one that lowers
    sum D^2 most kept), "d1" (drawn by D), "farthest", "uniform", "first X[0]".
    """
    groups: Groups = {"C": (1, np.array(c)), "A": (1000, np.zeros(2)), "B": (b_size, np.array(b))}
    n = sum(size for size, _ in groups.values())
    if rule == "first X[0]":
        return 1.0
    total = 1.0 / n  # the first pick is C itself
    for first, (size, at) in groups.items():
        if first == "C":
            continue
        others = {g: v for g, v in groups.items() if g != first}
        d2 = {g: float(((x - at) ** 2).sum()) for g, (_, x) in others.items()}
        if rule == "farthest":
            p_c = float(max(d2, key=lambda g: d2[g]) == "C")
        elif rule == "uniform":
            p_c = 1.0 / (n - 1)
        else:
            power = 1.0 if rule == "d1" else 2.0
            weight = {g: s * d2[g] ** (power / 2) for g, (s, _) in others.items()}
            q = {g: w / sum(weight.values()) for g, w in weight.items()}
            p_c = q["C"]
            if rule.startswith("greedy"):
                trials = int(rule[len("greedy") :])
                pot = {g: _potential(groups, at, x) for g, (_, x) in others.items()}
                worse = sum(q[g] for g in others if pot[g] > pot["C"])
                p_c = (q["C"] + worse) ** trials - worse**trials
        total += size / n * p_c
    return total


CORRECT_RULES = ("d2", "greedy1", "greedy2", "greedy3", "greedy5")


def test_the_d2_check_tells_d2_from_its_look_alikes() -> None:
    """FAR: a correct seeding fails with probability <= 1e-4, D or uniform passes with <= 1e-3;
    FARTHEST: a correct one fails with <= 1e-4, farthest-point or X[0] first never passes."""
    far = ((25.0, 0.0), (0.0, 1.0), 100)
    n, bar = CHECKS.D2_FAR_SEEDS, CHECKS.D2_FAR_MIN
    for rule in CORRECT_RULES:
        p = _c_seeded(*far, rule)
        assert _binom_cdf(bar - 1, n, p) <= 1e-4, (rule, p)
    for rule in ("d1", "uniform"):
        p = _c_seeded(*far, rule)
        assert _binom_sf(bar, n, p) <= 1e-3, (rule, p)
    assert abs(_c_seeded(*far, "d2") - 0.819) < 5e-4
    assert abs(_c_seeded(*far, "greedy2") - 0.905) < 5e-4
    assert abs(_c_seeded(*far, "d1") - 0.185) < 5e-4
    farthest = ((10.0, 0.0), (0.0, 3.0), 100)
    n, bar = CHECKS.D2_FARTHEST_SEEDS, CHECKS.D2_FARTHEST_MAX
    for rule in (*CORRECT_RULES, "d1", "uniform"):
        p = _c_seeded(*farthest, rule)
        assert _binom_sf(bar + 1, n, p) <= 1e-4, (rule, p)
    for rule in ("farthest", "first X[0]"):
        assert _c_seeded(*farthest, rule) == 1.0  # then every seed counts: bar + 1 > bar
    assert abs(_c_seeded(*farthest, "d2") - 0.093) < 5e-4
    assert abs(_c_seeded(*farthest, "greedy2") - 0.010) < 5e-4


def test_the_d2_frequencies_match_the_computation() -> None:
    """The solution (greedy) and a plain k-means++ seed C as often as computed (400 seeds,
    within 5 standard deviations), so the groups model the data the check builds."""
    plain = importlib.import_module("tests.content.submissions.m05_kmeans.alt_plain_kmeanspp")
    solution = load_module(FOLDER / "solution" / "kmeans.py", "m05_kmeans_solution").KMeans  # type: ignore[attr-defined]
    X = CHECKS._three_groups((25.0, 0.0), (0.0, 1.0), 100)
    for cls, rule in ((solution, "greedy2"), (plain.KMeans, "d2")):
        seeds = 400
        hits = 0
        for seed in range(seeds):
            model = cls(n_clusters=2, n_init=1, max_iter=1, tol=0.0, random_state=seed).fit(X)
            centers = np.asarray(model.cluster_centers_)
            hits += bool((((centers - X[0]) ** 2).sum(axis=1) < 0.25).any())
        p = _c_seeded((25.0, 0.0), (0.0, 1.0), 100, rule)
        assert abs(hits / seeds - p) <= 5 * math.sqrt(p * (1 - p) / seeds), (rule, hits, p)


def test_the_n_init_check_has_its_power() -> None:
    """Best of M iid runs below an independent one: probability M / (M + 1) exactly."""
    n, m, bar = CHECKS.N_INIT_SEEDS, CHECKS.N_INIT_RUNS, CHECKS.N_INIT_MIN_WINS
    assert _binom_cdf(bar - 1, n, m / (m + 1)) <= 1e-4
    assert _binom_sf(bar, n, 0.5) <= 1e-3


def test_the_circle_check_has_its_power() -> None:
    """Measured (500 seeds): plain k-means++ finds the 10 blobs 0.98 of the time, random 0.07."""
    bar = CHECKS.KMEANSPP_MIN_HITS
    assert _binom_cdf(bar - 1, 10, 0.98) <= 1e-4  # k-means++ fails
    assert _binom_sf(bar, 10, 0.07) <= 1e-4  # random init fails (or passes for k-means++)


# Runs per submission: a check that drew anything unseeded would give two verdicts within a few.
RUNS = 3


@pytest.mark.slow
@pytest.mark.parametrize("check", STATISTICAL)
def test_statistical_checks_give_the_same_verdict_every_run(check: str) -> None:
    """RUNS runs each on the solution and on every wrong submission the contract table points
    at this check, plus the unseeded one: one verdict per submission."""
    subs: list[Path | None] = [None] + [
        TABLE.folder / f"{row.wrong}.py" for row in TABLE.rows if row.check == check
    ]
    for sub in subs:
        files = {} if sub is None else {"kmeans.py": sub}
        runs = (run_inprocess(EXERCISE, files, only=[check]) for _ in range(RUNS))
        verdicts = {(r.checks[check].outcome, r.checks[check].message) for r in runs}
        assert len(verdicts) == 1, (sub, verdicts)
        assert next(iter(verdicts))[0] == ("PASS" if sub is None else "FAIL"), (sub, verdicts)


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> Any:
    return load_module(FOLDER / "solution" / "kmeans.py", "m05_kmeans_solution").KMeans  # type: ignore[attr-defined]


def test_solution_equals_sklearn_from_the_same_start_far_from_the_origin(solution: Any) -> None:
    """The data are centred inside fit: the distance expansion keeps its digits at 1e6."""
    from sklearn.cluster import KMeans

    rng = np.random.default_rng(3)
    X = rng.normal(size=(500, 4)) + rng.choice([0.0, 6.0], size=(500, 4)) + 1e6
    init = X[:5].copy()
    ours = solution(n_clusters=5, init=init).fit(X)
    ref = KMeans(n_clusters=5, init=init, n_init=1, algorithm="lloyd").fit(X)
    np.testing.assert_allclose(ours.cluster_centers_, ref.cluster_centers_, rtol=1e-12)
    np.testing.assert_array_equal(ours.labels_, ref.labels_)
    assert ours.inertia_ == pytest.approx(ref.inertia_, rel=1e-9)
    assert ours.n_iter_ == ref.n_iter_


def test_solution_relocates_several_empty_clusters(solution: Any) -> None:
    X = np.vstack([np.zeros((5, 2)), np.ones((5, 2)) * 10.0, [[20.0, 0.0], [0.0, 20.0]]])
    init = np.array([[0.0, 0.0], [10.0, 10.0], [500.0, 500.0], [-500.0, 500.0]])
    model = solution(n_clusters=4, init=init).fit(X)
    assert np.isfinite(model.cluster_centers_).all()
    assert sorted(np.bincount(model.labels_, minlength=4).tolist()) == [1, 1, 5, 5]
    assert model.inertia_ == pytest.approx(0.0, abs=1e-9)


def test_solution_errors_say_what_to_do(solution: Any) -> None:
    X = np.arange(12.0).reshape(6, 2)
    with pytest.raises(ValueError, match="call fit"):
        solution(2).predict(X)
    with pytest.raises(ValueError, match="n_samples=6 should be >= n_clusters=7"):
        solution(7).fit(X)
    with pytest.raises(ValueError, match="init must be one of"):
        solution(2, init="kmeans").fit(X)
    with pytest.raises(ValueError, match=r"expected \(n_clusters, n_features\) = \(2, 2\)"):
        solution(2, init=np.zeros((3, 2))).fit(X)
    with pytest.raises(ValueError, match=r"reshape\(-1, 1\)"):
        solution(2).fit(np.arange(6.0))
    with pytest.raises(ValueError, match="NaN"):
        solution(2).fit(np.array([[1.0], [np.nan], [2.0]]))
    with pytest.raises(ValueError, match="fitted with 2"):
        solution(2, random_state=0).fit(X).predict(np.ones((2, 3)))
    with pytest.raises(ValueError, match="n_init must be a positive integer"):
        solution(2, n_init=0).fit(X)
