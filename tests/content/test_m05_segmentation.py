"""m05-segmentation: its checks pass every correct submission and fail each wrong one.

The checks run in-process here (the sandboxed grader runs them out of process): each
submission is copied as segmentation.py into a temporary working copy, and every registered
check is called with a Context on it. Held-back submissions live in submissions/m05_segmentation/:
alt_*.py are correct in different ways, wrong_*.py each carry one bug.
"""

from __future__ import annotations

import importlib.util
import shutil
import sys
import time
import tomllib
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

import airoadmap
from airoadmap.curriculum.models import Exercise
from airoadmap.grading import api
from airoadmap.grading.api import CheckFailed, CheckSpec, Context

EXERCISE = Path(airoadmap.__file__).parent / "content" / "exercises" / "m05-segmentation"
SUBMISSIONS = Path(__file__).parent / "submissions" / "m05_segmentation"
CORRECT = sorted(SUBMISSIONS.glob("alt_*.py"))

# Each wrong submission, the check (function name) that must fail it, and a phrase its
# message must contain (the mistake, named).
WRONG = {
    "wrong_recency_first_purchase.py": ("rfm_small_log", "FIRST purchase"),
    "wrong_frequency_rows.py": ("rfm_small_log", "it counts rows"),
    "wrong_snapshot_last_day.py": ("rfm_small_log", "day AFTER the last transaction"),
    "wrong_snapshot_ignored.py": ("rfm_snapshot", "the same as with the default snapshot"),
    "wrong_scale_no_log.py": ("scaling", "apply np.log1p first"),
    "wrong_scale_ddof1.py": ("scaling", "ddof=1"),
    "wrong_choose_k_inertia.py": ("choose_k_blobs", "inertia always decreases"),
    "wrong_no_scaling.py": ("segment_quality", "not K-Means clusters of those features"),
    "wrong_silhouette_unscaled.py": ("segment_chooses_k", "RAW table"),
    "wrong_profile_scaled_means.py": ("segment_profile", "raw, not scaled"),
    "wrong_labels_positional.py": ("segment_profile", "index=rfm.index"),
    "wrong_names_by_label.py": ("naming", "not on the segment numbers"),
    "wrong_names_repeat.py": ("naming", "the same name"),
}

Results = dict[str, BaseException | None]


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    """One thread, as in the sandbox (OMP_NUM_THREADS=1).

    K-Means' OpenMP threads fighting over two busy cores make the checks ten times slower.
    threadpoolctl limits only the libraries already loaded, hence the import first.
    """
    import sklearn.cluster  # noqa: F401

    with threadpool_limits(limits=1):
        yield


def load_checks() -> list[CheckSpec]:
    """Import checks.py the way the grader does: clear the registry, import, collect."""
    api.REGISTRY.clear()
    spec = importlib.util.spec_from_file_location("m05_segmentation_checks", EXERCISE / "checks.py")
    assert spec is not None and spec.loader is not None
    spec.loader.exec_module(importlib.util.module_from_spec(spec))
    checks = list(api.REGISTRY)
    api.REGISTRY.clear()
    return checks


@pytest.fixture(scope="module")
def checks() -> list[CheckSpec]:
    return load_checks()


def run_checks(
    checks: list[CheckSpec], source: Path, tmp_path: Path, only: str | None = None
) -> tuple[Results, Context]:
    """Run the checks (every one, or `only` one) on `source` as segmentation.py.

    Returns check name -> None (passed) or what it raised.
    """
    workdir = tmp_path / "work"
    workdir.mkdir(parents=True)
    shutil.copy(source, workdir / "segmentation.py")
    ctx = Context(workdir=workdir)
    results: Results = {}
    try:
        for spec in checks:
            if only is not None and spec.func.__name__ != only:
                continue
            try:
                spec.func(ctx)
            except Exception as exc:
                results[spec.func.__name__] = exc
            else:
                results[spec.func.__name__] = None
    finally:
        sys.modules.pop("segmentation", None)
    return results, ctx


def _failures(results: Results) -> dict[str, str]:
    return {name: f"{type(e).__name__}: {e}" for name, e in results.items() if e is not None}


def test_checks_are_registered_with_known_hints(checks: list[CheckSpec]) -> None:
    exercise = Exercise.model_validate(tomllib.loads((EXERCISE / "exercise.toml").read_text()))
    keys = {group.key for group in exercise.hints}
    assert keys == {"general", "rfm", "scaling", "choose_k", "segment", "naming"}
    assert all(len(group.tiers) == 3 for group in exercise.hints)
    assert len(checks) == 9
    assert {spec.hint for spec in checks} <= keys
    assert {check for check, _ in WRONG.values()} <= {spec.func.__name__ for spec in checks}
    assert exercise.files == ["segmentation.py"]
    assert exercise.datasets == ["cdnow"]
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "segmentation.py").is_file()


def test_solution_passes_every_check(checks: list[CheckSpec], tmp_path: Path) -> None:
    start = time.perf_counter()
    results, ctx = run_checks(checks, EXERCISE / "solution" / "segmentation.py", tmp_path)
    elapsed = time.perf_counter() - start
    assert _failures(results) == {}
    assert ctx.metrics["k"] == 3
    assert ctx.metrics["silhouette"] == pytest.approx(0.476, abs=0.005)
    assert elapsed < 15.0, f"the checks took {elapsed:.1f} s on the solution"


def test_starter_is_not_attempted(checks: list[CheckSpec], tmp_path: Path) -> None:
    starter = EXERCISE / "starter" / "segmentation.py"
    assert "# TODO:" in starter.read_text()
    results, _ = run_checks(checks, starter, tmp_path)
    not_attempted = {n: type(e).__name__ for n, e in results.items()}
    assert set(not_attempted.values()) == {"NotImplementedError"}, not_attempted


@pytest.mark.parametrize("source", CORRECT, ids=lambda p: p.stem)
def test_correct_alternative_passes(checks: list[CheckSpec], source: Path, tmp_path: Path) -> None:
    results, _ = run_checks(checks, source, tmp_path)
    assert _failures(results) == {}


def test_there_are_correct_alternatives() -> None:
    assert len(CORRECT) >= 3


def test_every_wrong_submission_is_listed() -> None:
    assert {p.name for p in SUBMISSIONS.glob("wrong_*.py")} == set(WRONG)


@pytest.mark.parametrize(("name", "expected"), sorted(WRONG.items()))
def test_wrong_submission_fails_its_check(
    checks: list[CheckSpec], name: str, expected: tuple[str, str], tmp_path: Path
) -> None:
    check_name, phrase = expected
    results, _ = run_checks(checks, SUBMISSIONS / name, tmp_path, only=check_name)
    raised = results[check_name]
    # A bug reads as a wrong answer (FAIL) that names the mistake, never as "not attempted".
    assert isinstance(raised, CheckFailed), f"{check_name}: {raised!r}"
    assert phrase in str(raised), str(raised)


# --- the reference solution beyond the checks -----------------------------------------------


@pytest.fixture(scope="module")
def solution() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "m05_segmentation_solution", EXERCISE / "solution" / "segmentation.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_solution_scaling_equals_standard_scaler(solution: ModuleType) -> None:
    from sklearn.preprocessing import StandardScaler

    rng = np.random.default_rng(0)
    rfm = pd.DataFrame(
        {
            "monetary": rng.lognormal(3.0, 1.0, 500),  # columns out of order: chosen by name
            "recency": rng.integers(1, 500, 500),
            "frequency": rng.integers(1, 30, 500),
        }
    )
    expected = StandardScaler().fit_transform(np.log1p(rfm[["recency", "frequency", "monetary"]]))
    np.testing.assert_allclose(solution.scale_rfm(rfm), expected, rtol=1e-12, atol=1e-12)


def test_solution_errors_say_what_to_do(solution: ModuleType) -> None:
    log = pd.DataFrame(
        {"customer_id": [1], "date": pd.to_datetime(["1997-01-01"]), "dollar_value": [1.0]}
    )
    with pytest.raises(ValueError, match="not after the last transaction"):
        solution.rfm_table(log, snapshot="1997-01-01")
    with pytest.raises(ValueError, match="lacks the column"):
        solution.rfm_table(log.drop(columns="dollar_value"))
    with pytest.raises(ValueError, match="empty"):
        solution.rfm_table(log.iloc[:0])
    with pytest.raises(ValueError, match=r"every k must be in 2\.\.3"):
        solution.choose_k(np.arange(8.0).reshape(4, 2), range(2, 5))


def test_solution_names_are_distinct_and_qualified(solution: ModuleType) -> None:
    profile = pd.DataFrame(
        {
            "size": [100, 100, 100, 100],
            "share": [0.25] * 4,
            "recency": [20.0, 400.0, 420.0, 60.0],
            "frequency": [12.0, 1.0, 1.1, 5.0],
            "monetary": [900.0, 30.0, 15.0, 200.0],
        }
    )
    names = solution.name_segments(profile)
    assert names == {
        0: "loyal high spenders",
        1: "lapsed one-timers (higher spend)",
        2: "lapsed one-timers (lower spend)",
        3: "active regulars",
    }


def test_solution_segments_full_cdnow(solution: ModuleType) -> None:
    """On all 23,570 customers: three segments, lapsed one-timers the largest."""
    from airoadmap.datasets import load_frame

    labels, profile = solution.segment(load_frame("cdnow"))
    assert len(labels) == 23_570 and labels.index.is_monotonic_increasing
    assert len(profile) == 3 and profile["size"].sum() == 23_570
    names = solution.name_segments(profile)
    largest = profile["size"].idxmax()
    assert names[largest] == "lapsed one-timers"
    assert names[profile["monetary"].idxmax()] == "loyal high spenders"
