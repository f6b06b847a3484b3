"""m05-segmentation: the content fits together; the solution's segments; the reference.

The solution, the starter and the held-back submissions (submissions/m05_segmentation/) are
run by tests/content/test_submissions.py.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterator
from types import ModuleType

import numpy as np
import pandas as pd
import pytest
from threadpoolctl import threadpool_limits

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from tests.content.test_submissions import declared_checks

EXERCISE_ID = "m05-segmentation"
EXERCISE = exercise_dir(EXERCISE_ID)


@pytest.fixture(autouse=True)
def _one_thread() -> Iterator[None]:
    """One thread, as in the sandbox (OMP_NUM_THREADS=1).

    K-Means' OpenMP threads fighting over two busy cores make the checks ten times slower.
    threadpoolctl limits only the libraries already loaded, hence the import first.
    """
    import sklearn.cluster  # noqa: F401

    with threadpool_limits(limits=1):
        yield


def test_checks_and_hints_fit_together() -> None:
    exercise = load_model(EXERCISE / "exercise.toml", Exercise)
    keys = {group.key for group in exercise.hints}
    assert keys == {"general", "rfm", "scaling", "choose_k", "segment", "naming"}
    assert len(declared_checks(EXERCISE_ID)) == 9
    assert exercise.files == ["segmentation.py"]
    assert exercise.datasets == ["cdnow"]
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "segmentation.py").is_file()


@pytest.mark.slow
def test_solution_segments() -> None:
    """Pinned, so that a change in the data or the reference shows here."""
    result = run_inprocess(EXERCISE_ID, {}, only=["segment_quality"])
    assert result.passed, result.failures()
    assert result.metrics["k"] == 3
    assert result.metrics["silhouette"] == pytest.approx(0.476, abs=0.005)


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


@pytest.mark.slow
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
