"""m07-sequence: the content fits together; the checks' own references; the bar's figures.

The solution, the starter and the held-back submissions (submissions/m07_sequence/) are run by
tests/content/test_submissions.py, the contract table by tests/content/test_contracts.py.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from types import ModuleType

import numpy as np
import pandas as pd
import pytest

from airoadmap.authoring.runner import run_inprocess
from airoadmap.curriculum.loader import exercise_dir, load_model
from airoadmap.curriculum.models import Exercise
from airoadmap.datasets import get_spec
from airoadmap.datasets._store import provider_files
from tests.content.test_submissions import declared_checks

EXERCISE_ID = "m07-sequence"
EXERCISE = exercise_dir(EXERCISE_ID)

torch = pytest.importorskip("torch")


@pytest.fixture(autouse=True)
def _one_torch_thread() -> Iterator[None]:
    """One thread, as the exercise's [limits] give the sandbox."""
    before = torch.get_num_threads()
    torch.set_num_threads(1)
    yield
    torch.set_num_threads(before)


def _need_data() -> None:
    if provider_files(get_spec("mauna-loa-co2").providers[0]) is None:
        pytest.skip(
            "mauna-loa-co2: its offline provider is not installed (pip install statsmodels)"
        )


def _load(name: str, path: object) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)  # type: ignore[arg-type]
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def checks() -> Iterator[ModuleType]:
    """The exercise's checks.py, imported under a private name."""
    yield _load("_m07_sequence_checks_under_test", EXERCISE / "checks.py")
    sys.modules.pop("_m07_sequence_checks_under_test", None)


def test_checks_and_hints_fit_together() -> None:
    exercise = load_model(EXERCISE / "exercise.toml", Exercise)
    keys = {group.key for group in exercise.hints}
    assert keys == {
        "general", "data", "baselines", "scaling", "lstm", "rnn", "walk_forward", "look_ahead"
    }  # fmt: skip
    assert len(declared_checks(EXERCISE_ID)) == 19
    assert exercise.files == ["sequence.py"]
    assert exercise.datasets == ["mauna-loa-co2"]
    assert exercise.limits.threads == 1
    assert exercise.forbidden_imports == []  # torch is needed; the RNN cell is watched instead
    for folder in ("starter", "solution"):
        assert (EXERCISE / folder / "sequence.py").is_file()


def test_the_monthly_reference_and_the_split_say_what_the_brief_says(checks: ModuleType) -> None:
    """526 months from 1958-03 to 2001-12; the five empty months all lie in the training part;
    the split is 1958-03..1991-12 / 1992-01..1995-12 / 1996-01..2001-12."""
    _need_data()
    weekly = checks._weekly()
    starts, means, had = checks._reference_monthly(weekly)
    assert len(means) == 526 and str(starts[0]) == "1958-03" and str(starts[-1]) == "2001-12"
    empty = [str(m) for m in starts[had == 0]]
    assert empty == ["1958-06", "1958-10", "1964-02", "1964-03", "1964-04"]
    train_end, validation_end = checks._splits(len(means))
    assert (str(starts[train_end]), str(starts[validation_end])) == ("1992-01", "1996-01")
    assert all(np.flatnonzero(had == 0) < train_end)
    # The checks' NumPy reference agrees with pandas.
    pandas_way = weekly.set_index("date")["co2"].sort_index().resample("MS").mean().interpolate()
    np.testing.assert_allclose(means, pandas_way.to_numpy(), rtol=1e-12)


def test_the_window_and_naive_references_on_a_hand_example(checks: ModuleType) -> None:
    series = np.arange(10.0) * 10
    origins, inputs, targets = checks._reference_windows(series, 3, 2, 5, 9)
    assert origins.tolist() == [4, 5, 6]  # targets 5..6, 6..7, 7..8: all in [5, 9)
    assert inputs.tolist()[0] == [20.0, 30.0, 40.0]
    assert targets.tolist()[-1] == [70.0, 80.0]
    none = checks._reference_windows(series, 3, 2, 8, 9)
    assert none[0].shape == (0,) and none[1].shape == (0, 3) and none[2].shape == (0, 2)
    # season 4, origin 7: h = 1..4 -> months 4, 5, 6, 7; h = 5..6 -> months 4, 5 (two cycles back)
    naive = checks._reference_naive(series, [7], 6, 4)
    assert naive.tolist() == [[40.0, 50.0, 60.0, 70.0, 40.0, 50.0]]


def test_the_leak_test_changes_exactly_the_later_months(checks: ModuleType) -> None:
    series = np.linspace(300.0, 370.0, 526)
    changed = checks._perturbed(series, 480, seed=19)
    assert np.array_equal(changed[:480], series[:480])
    assert np.all(changed[480:] >= series[480:].min() + checks.SHIFT_PPM)
    assert sorted(changed[480:] - checks.SHIFT_PPM) == pytest.approx(sorted(series[480:]))


def test_the_kernel_recorder_sees_torch_rnn_cells(checks: ModuleType) -> None:
    cell = torch.nn.RNNCell(3, 4)
    with checks._recorded() as seen:
        cell(torch.randn(2, 3))
        torch.tanh(torch.randn(2, 3) @ torch.randn(3, 4))
    assert "rnn_tanh_cell" in seen and "tanh" in seen
    assert checks.RECURRENT_KERNELS.intersection(seen) == {"rnn_tanh_cell"}


@pytest.mark.slow
def test_the_bar_figures_of_the_reference() -> None:
    """Pinned, so that the `why` of the bar and the brief stay what the reference measures."""
    _need_data()
    result = run_inprocess(EXERCISE_ID, {}, only=["lstm_beats_naive"])
    assert result.passed, result.failures()
    metrics = result.metrics
    assert metrics["mae_seasonal_naive"] == pytest.approx(1.67, abs=0.005)
    assert metrics["mae_autoregression"] == pytest.approx(0.62, abs=0.005)
    assert metrics["mae_autoregression"] / metrics["mae_seasonal_naive"] == pytest.approx(
        0.37, abs=0.005
    )
    assert metrics["mae_lstm"] == pytest.approx(0.51, abs=0.02)
    assert metrics["lstm_mae_vs_naive"] == pytest.approx(0.31, abs=0.015)
    why = load_model(EXERCISE / "exercise.toml", Exercise).bars["lstm_mae_vs_naive"].why
    for figure in ("1.67 ppm", "0.31 (0.51 ppm", "0.37 (0.62 ppm", "4.3"):
        assert figure in why


def test_monthly_means_of_the_solution_is_a_series_of_month_starts() -> None:
    _need_data()
    from airoadmap.datasets import load_frame

    solution = _load("_m07_sequence_solution_under_test", EXERCISE / "solution" / "sequence.py")
    try:
        monthly = solution.monthly_means(load_frame("mauna-loa-co2"))
    finally:
        sys.modules.pop("_m07_sequence_solution_under_test", None)
    assert isinstance(monthly, pd.Series) and len(monthly) == 526
    assert monthly.index.freqstr == "MS" and not monthly.isna().any()
