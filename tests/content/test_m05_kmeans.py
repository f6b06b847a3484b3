"""m05-kmeans: every point of the brief, under every option it applies to, has a check that a
held-back wrong submission proves can fail; the statistical checks have the stated power and
give the same verdict every run.

tests/content/test_submissions.py runs every submission of tests/content/submissions/m05_kmeans
against the check its docstring declares (and every alt_*.py against all checks). This file
holds what is specific to K-Means: the contract table, the power of the statistical checks,
their determinism, and the reference solution beyond the checks.
"""

from __future__ import annotations

import ast
import importlib
import importlib.util
import math
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any, NamedTuple

import numpy as np
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise

EXERCISE = "m05-kmeans"
FOLDER = exercise_dir(EXERCISE)
SUBMISSIONS = Path(__file__).parent / "submissions" / "m05_kmeans"


def exercise(exercise_id: str) -> Exercise:
    """The exercise's exercise.toml, validated."""
    return load_model(exercise_dir(exercise_id) / "exercise.toml", Exercise)


def load_module(path: Path, name: str) -> ModuleType:
    """Import the file at `path` as a module called `name` (registered, as Context.load does)."""
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class Row(NamedTuple):
    """A point of the brief, the options it is checked under, the check, and the held-back
    wrong submission that breaks exactly that point (the check must FAIL it)."""

    point: str
    options: str
    check: str
    wrong: str


CONTRACT = [
    Row("__init__ stores its six arguments under their names", "all six", "init_and_unfitted",
        "wrong_init_keeps_generator"),
    Row("the contract's defaults", "n_clusters, init, n_init, max_iter, tol, random_state",
        "init_and_unfitted", "wrong_default_tol"),
    Row("learned attributes exist only after fit", "cluster_centers_", "init_and_unfitted",
        "wrong_fitted_attributes_in_init"),
    Row("predict before fit says to call fit", "-", "init_and_unfitted",
        "wrong_unfitted_predict"),
    Row("fit returns self", "-", "fit_returns_self", "wrong_fit_returns_none"),
    Row("fit leaves the caller's X unchanged", "every fit of every check", "fit_returns_self",
        "wrong_fit_mutates_x"),
    Row("labels_: int array of shape (n_samples,)", "-", "fit_returns_self", "wrong_labels_float"),
    Row("fit_predict(X) is fit(X).labels_", "-", "fit_returns_self",
        "wrong_fit_predict_returns_model"),
    Row("n_clusters > n_samples raises ValueError", 'init "k-means++", "random", array',
        "fit_returns_self", "wrong_array_init_unvalidated"),
    Row("an unknown init string raises ValueError", 'init="kmeans"', "fit_returns_self",
        "wrong_unknown_init_silent"),
    Row("an array init is the start of the one run", "max_iter 1, 2, 5, 300",
        "lloyd_matches_sklearn", "wrong_init_array_ignored"),
    Row("an array init is not modified", "init=array", "lloyd_matches_sklearn",
        "wrong_init_array_mutated"),
    Row("one iteration assigns then updates; max_iter iterations", "max_iter 1, 2, 5",
        "lloyd_matches_sklearn", "wrong_max_iter_off_by_one"),
    Row("n_iter_ counts the iterations run", "stopped by max_iter 1, 2, 5",
        "lloyd_matches_sklearn", "wrong_n_iter_zero_based"),
    Row("n_iter_ counts the last iteration, which moved nothing", "tol=0, at convergence",
        "lloyd_matches_sklearn", "wrong_n_iter_moving_only"),
    Row("stop when the shift is AT MOST the threshold", "tol=0", "lloyd_matches_sklearn",
        "wrong_tol_strict"),
    Row("labels_ describe the final centers", "array init max_iter 1, 2; k-means++ n_init 10, 1; "
        "random n_init 3", "labels_and_inertia_consistent", "wrong_labels_stale"),
    Row("inertia_ is a sum of SQUARED distances", "the same five fits",
        "labels_and_inertia_consistent", "wrong_inertia_unsquared"),
    Row("inertia_ is measured on the kept centers, not forged", "the same five fits",
        "labels_and_inertia_consistent", "wrong_forged_inertia"),
    Row("predict(X_new) is the nearest center of X_new", "training and new data",
        "labels_and_inertia_consistent", "wrong_predict_returns_labels"),
    Row("an empty cluster: no NaN", "array init", "empty_cluster", "wrong_empty_cluster_nan"),
    Row("an empty cluster gets a new center", "array init", "empty_cluster",
        "wrong_empty_cluster_kept"),
    Row("... the sample farthest from ITS OWN center", "one empty cluster, max_iter=1",
        "empty_cluster", "wrong_empty_far_from_mean"),
    Row("... the farthest sample, not any sample", "one empty cluster, max_iter=1",
        "empty_cluster", "wrong_empty_cluster_random_sample"),
    Row("... the next farthest for a second empty cluster", "two empty clusters, max_iter=1",
        "empty_cluster", "wrong_empty_cluster_same_sample"),
    Row("tol is relative to the data's spread", "array init, X * 1e-3, 1, 1e3",
        "tol_is_relative", "wrong_tol_absolute"),
    Row("tol is relative to the data's spread", 'init="k-means++", n_init=2, X * 1e-3, 1, 1e3',
        "tol_is_relative", "wrong_tol_absolute_when_seeded"),
    Row("a run stops as soon as the centers moved little", "tol 1e-2, 1e-1", "tol_is_relative",
        "wrong_tol_ignored"),
    Row("the threshold is tol * np.mean(np.var(X, axis=0))", "tol 1e-2, 1e-1",
        "tol_is_relative", "wrong_tol_sum_of_variances"),
    Row("inertia within 1% of scikit-learn's", "defaults (k-means++, n_init=10), five data sets",
        "inertia_matches_sklearn", "wrong_n_init_keeps_last"),
    Row("k-means++ spreads the seeds", 'init="k-means++", n_init=1', "kmeanspp_seeding",
        "wrong_random_init"),
    Row('"random" draws uniformly', 'init="random", n_init=1', "kmeanspp_seeding",
        "wrong_random_is_kmeanspp"),
    Row("each next center is drawn with probability D(x)^2 / sum D^2 (not D)",
        'init="k-means++"', "kmeanspp_draws_d2", "wrong_kmeanspp_distance"),
    Row("... drawn, not the farthest sample", 'init="k-means++"', "kmeanspp_draws_d2",
        "wrong_kmeanspp_farthest"),
    Row("the first center is drawn uniformly", 'init="k-means++"', "kmeanspp_draws_d2",
        "wrong_kmeanspp_first_x0"),
    Row('"random" draws k DISTINCT samples', 'init="random"', "seeds_are_distinct_samples",
        "wrong_random_with_replacement"),
    Row("n_init runs are made", 'init="random"', "n_init_best_of_runs", "wrong_n_init_ignored"),
    Row("n_init runs are made", 'init="k-means++"', "n_init_best_of_runs",
        "wrong_n_init_ignored_kmeanspp"),
    Row("the run with the LOWEST inertia is kept", 'init "random" and "k-means++"',
        "n_init_best_of_runs", "wrong_n_init_keeps_last"),
    Row("the kept run's labels_", 'n_init=4, init "k-means++" and "random"',
        "kept_run_consistent", "wrong_kept_labels_last_run"),
    Row("the kept run's cluster_centers_", 'n_init=4, init "k-means++" and "random"',
        "kept_run_consistent", "wrong_kept_centers_last_run"),
    Row("the kept run's inertia_", 'n_init=4, init "k-means++" and "random"',
        "kept_run_consistent", "wrong_kept_inertia_last_run"),
    Row("the kept run's n_iter_", 'n_init=4, init "k-means++" and "random"',
        "kept_run_consistent", "wrong_kept_n_iter_last_run"),
    Row("n_iter_ counts the kept run only", 'n_init=4, init "k-means++" and "random"',
        "kept_run_consistent", "wrong_n_iter_total"),
    Row("max_iter caps every run", 'init "k-means++" and "random"', "kept_run_consistent",
        "wrong_max_iter_array_only"),
    Row("the same random_state gives the same clustering",
        'init "k-means++" and "random" x n_init 1 and 3', "reproducible",
        "wrong_not_reproducible"),
    Row("... under every init", 'init="random"', "reproducible", "wrong_unseeded_random_init"),
    Row("the generator is created in fit", "a second fit of the same model", "reproducible",
        "wrong_rng_in_init"),
    Row("the seeding is drawn from default_rng(random_state)", "random_state 42 against 7",
        "reproducible", "wrong_seed_constant"),
    Row("a statistical check's verdict does not depend on luck", "an unseeded fit",
        "kmeanspp_seeding", "wrong_not_reproducible"),
    Row("a statistical check's verdict does not depend on luck", "an unseeded fit",
        "kmeanspp_draws_d2", "wrong_not_reproducible"),
    Row("a statistical check's verdict does not depend on luck", "an unseeded fit",
        "n_init_best_of_runs", "wrong_not_reproducible"),
    Row("the threshold uses the per-feature variances", "features centred far apart",
        "tol_is_relative", "wrong_tol_variance_of_all_entries"),
    Row("... farthest by the SQUARED distance", "samples below and left of their center",
        "empty_cluster", "wrong_empty_far_signed"),
    Row("every sample counts", "32,769 samples, array init, max_iter=2", "lloyd_matches_sklearn",
        "wrong_means_on_subsample"),
    Row("any number of features from 1", "one feature", "fit_returns_self",
        "wrong_squeeze_single_feature"),
    Row("any n_clusters from 1 to n_samples", "n_clusters=1", "fit_returns_self",
        "wrong_two_clusters_minimum"),
    Row("Errors: n_clusters an int >= 1", 'n_clusters=0; init "k-means++" and "random"',
        "invalid_input_raises", "wrong_n_clusters_zero_accepted"),
    Row("Errors: n_clusters an int", 'n_clusters=2.5; init "k-means++" and "random"',
        "invalid_input_raises", "wrong_n_clusters_float_accepted"),
    Row("Errors: n_init an int >= 1", 'n_init=0; init "k-means++" and "random"',
        "invalid_input_raises", "wrong_n_init_zero_accepted"),
    Row("Errors: max_iter an int >= 1", 'max_iter=0; init "k-means++", "random", array',
        "invalid_input_raises", "wrong_max_iter_zero_accepted"),
    Row("Errors: tol not negative", 'tol=-1e-4; init "k-means++", "random", array',
        "invalid_input_raises", "wrong_tol_negative_accepted"),
    Row("Errors: an init array of shape (n_clusters, n_features)", "(3, 2) and (4, 3) for (3, 3)",
        "invalid_input_raises", "wrong_init_shape_unchecked"),
    Row("Errors: X holds NaN or infinity", 'fit: NaN with init "k-means++", "random", array; inf',
        "invalid_input_raises", "wrong_nan_accepted"),
    Row("Errors: X has no row or no column", "fit on 30 x 0 and 0 x 3", "invalid_input_raises",
        "wrong_empty_accepted"),
    Row("Errors: X is 2-D", "fit on 1-D X", "invalid_input_raises", "wrong_1d_accepted"),
    Row("Errors: predict on X of another number of features", "2 features for 3",
        "invalid_input_raises", "wrong_predict_width_unchecked"),
    Row("Errors: predict on X with NaN (or not 2-D)", "a NaN; a 1-D sample",
        "invalid_input_raises", "wrong_predict_nan_accepted"),
    Row("Errors: the message names the problem", "every case above", "invalid_input_raises",
        "wrong_vague_errors"),
    Row("NumPy only", "import sklearn", "from_scratch", "wrong_sklearn_wrapper"),
    Row("NumPy only", 'importlib.import_module("sklearn.cluster")', "from_scratch",
        "wrong_importlib_wrapper"),
    Row("NumPy only", "importlib with a name built at run time", "init_and_unfitted",
        "wrong_importlib_dynamic_name"),
]

# The checks that count outcomes over seeds (each must give one verdict, run after run).
STATISTICAL = ("kmeanspp_seeding", "kmeanspp_draws_d2", "n_init_best_of_runs")


@pytest.fixture(autouse=True, scope="module")
def _one_thread() -> Iterator[None]:
    """One thread per native library, as in the sandbox (OpenMP spinning on a busy machine)."""
    import sklearn.cluster  # noqa: F401
    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1):
        yield


def _checks_module() -> ModuleType:
    """checks.py imported for its constants (its @check registrations are not used here)."""
    name = "m05_kmeans_checks_constants"
    spec = importlib.util.spec_from_file_location(name, FOLDER / "checks.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        spec.loader.exec_module(module)
    finally:
        sys.modules.pop(spec.name, None)
        from airoadmap.grading import api

        api.REGISTRY.clear()
    return module


CHECKS = _checks_module()


def _check_names() -> set[str]:
    """The check functions of checks.py, and the import fence's pseudo-check."""
    tree = ast.parse((FOLDER / "checks.py").read_text(encoding="utf-8"))
    names = {
        node.name
        for node in tree.body
        if isinstance(node, ast.FunctionDef)
        and any(
            isinstance(d, ast.Call) and getattr(d.func, "id", "") == "check"
            for d in node.decorator_list
        )
    }
    return names | {"from_scratch"}


# --- the contract table ----------------------------------------------------------------------


def test_the_contract_table_covers_every_check_and_every_wrong_submission() -> None:
    names = _check_names()
    assert {row.check for row in CONTRACT} == names
    wrong = {p.stem for p in SUBMISSIONS.glob("wrong_*.py")}
    assert {row.wrong for row in CONTRACT} == wrong
    assert len(CONTRACT) == len(set(CONTRACT))


@pytest.mark.parametrize("row", CONTRACT, ids=lambda r: f"{r.check}-{r.wrong}")
def test_each_point_of_the_brief_fails_its_wrong_submission(row: Row) -> None:
    files = {"kmeans.py": SUBMISSIONS / f"{row.wrong}.py"}
    result = run_inprocess(EXERCISE, files, only=[row.check])
    check = result.checks[row.check]
    assert check.outcome == "FAIL", f"{row.point} ({row.options}): {check.outcome} {check.message}"


def test_checks_are_registered_with_known_hints() -> None:
    ex = exercise(EXERCISE)
    assert all(len(group.tiers) == 3 for group in ex.hints)
    text = (FOLDER / "checks.py").read_text(encoding="utf-8")
    used = {line.split('hint="')[1].split('"')[0] for line in text.splitlines() if 'hint="' in line}
    assert used == {group.key for group in ex.hints}  # every group is used, none is missing
    assert ex.files == ["kmeans.py"] and ex.month == 5
    assert ex.forbidden_imports and "sklearn" in ex.forbidden_imports


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


@pytest.mark.slow
@pytest.mark.parametrize("check", STATISTICAL)
def test_statistical_checks_give_the_same_verdict_every_run(check: str) -> None:
    """20 runs each on the solution and on every wrong submission the contract table points at
    this check, plus the unseeded one: one verdict per submission."""
    subs: list[Path | None] = [None] + [
        SUBMISSIONS / f"{row.wrong}.py" for row in CONTRACT if row.check == check
    ]
    for sub in subs:
        files = {} if sub is None else {"kmeans.py": sub}
        verdicts = {
            (r.outcome, r.message)
            for r in (run_inprocess(EXERCISE, files, only=[check]).checks[check] for _ in range(20))
        }
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
