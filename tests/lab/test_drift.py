"""The m11-drift reference project (airoadmap.lab.drift): its table, a tiny whole run whose
artifacts are replayed with SciPy, and the benchmark's comparison with Evidently (without
Evidently: it lives in a benchmark-only environment)."""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import math
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd
import pytest
from scipy.stats import ks_2samp

from airoadmap.lab.drift import fast, project
from airoadmap.lab.reference import loading_log
from airoadmap.lab.stages import listening

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ROWS = 4000
TINY = dataclasses.replace(project.SETTINGS, rows=ROWS, repeats=1)
BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_m11_drift.py"


@pytest.fixture(scope="module")
def tiny_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, Any], list[str]]:
    run_dir = tmp_path_factory.mktemp("drift")
    stages: list[str] = []
    with listening(stages.append), loading_log() as loaded:
        metrics = project.run_with(run_dir, TINY)
    assert [(m.exercise_id, m.module, m.code) for m in loaded] == [
        ("m11-drift", "drift", "reference")
    ]
    return run_dir, json.loads(json.dumps(metrics)), stages


def test_the_table_is_seeded_and_drifts_only_where_it_says() -> None:
    a, b = project.make_table(2000, 3), project.make_table(2000, 3)
    pd.testing.assert_frame_equal(a.reference, b.reference)
    assert a.reference.shape == a.current.shape == (2000, project.COLUMNS)
    assert list(a.reference.columns) == list(a.current.columns)
    assert a.drifted == tuple(project.DRIFTED)
    big = project.make_table(60_000, 0)
    for column in big.reference.columns:
        p = ks_2samp(big.reference[column], big.current[column], method="asymp").pvalue
        if column in big.drifted:
            assert p < 1e-6, column
        else:
            assert p > 1e-4, column  # stable: alike on both sides (50 columns, seed 0)
    counts = big.reference["x03"]
    assert (counts == counts.round()).all() and counts.nunique() < 30  # ties


def test_describe_names_the_move() -> None:
    assert project.describe("x44") == "normal(50.0, 10.0) -> normal(50.5, 10.0)"
    assert project.describe("x47") == "poisson(3.0) -> poisson(3.15)"


def test_verdicts_score_flags_against_the_truth() -> None:
    v = project.verdicts(["x44", "x01"], ("x44", "x45"))
    assert v == {
        "flagged": ["x01", "x44"],
        "found": ["x44"],
        "missed": ["x45"],
        "false_alarms": ["x01"],
        "recall": 0.5,
    }


def test_a_tiny_run_replays_with_scipy(tiny_run: tuple[Path, dict[str, Any], list[str]]) -> None:
    run_dir, m, stages = tiny_run
    assert {p.name for p in run_dir.iterdir()} == {"drift.png", "report.csv", "report.md"}
    assert (run_dir / "drift.png").read_bytes()[:8] == PNG_SIGNATURE
    assert m["rows"] == {"reference": ROWS, "current": ROWS}
    assert stages[0].startswith(f"making the table: {ROWS:,}")
    table = project.make_table(ROWS, TINY.seed)
    rows = {r["column"]: r for r in m["per_column"]}
    assert list(rows) == list(table.reference.columns)
    for column, row in rows.items():
        expected = ks_2samp(table.reference[column], table.current[column], method="asymp")
        assert row["statistic"] == pytest.approx(expected.statistic, abs=1e-12)
        assert row["p_value"] == pytest.approx(expected.pvalue, rel=1e-6, abs=1e-300)
        bonferroni = min(1.0, expected.pvalue * project.COLUMNS)
        assert row["p_adjusted"] == pytest.approx(bonferroni, rel=1e-6, abs=1e-300)
        assert row["flagged"] == (row["p_adjusted"] < TINY.alpha)
        assert row["drifted"] == (column in project.DRIFTED)
    flagged = sorted(c for c, r in rows.items() if r["flagged"])
    assert m["verdicts"]["bonferroni"]["flagged"] == flagged
    assert m["recall"] == len(set(flagged) & set(project.DRIFTED)) / len(project.DRIFTED)
    assert m["false_alarms"] == len(set(flagged) - set(project.DRIFTED))
    assert m["scipy_agreement"]["same_verdicts"] is True
    assert m["scipy_agreement"]["max_abs_statistic_diff"] < 1e-12
    assert set(m["cpu_seconds"]) == set(project.CPU_LABELS)
    assert m["profiled"]["same_verdicts"] is True
    assert m["profiled"]["max_abs_statistic_diff"] == 0.0
    assert m["profiled"]["max_abs_psi_diff"] < 1e-12
    assert all(math.isfinite(v) and v >= 0 for v in m["cpu_seconds"].values())
    csv = pd.read_csv(run_dir / "report.csv", index_col="column")
    assert csv["p_value"].tolist() == pytest.approx([r["p_value"] for r in rows.values()])
    assert csv["drifted"].tolist() == [r["flagged"] for r in rows.values()]


def test_the_report_states_what_the_run_measured(
    tiny_run: tuple[Path, dict[str, Any], list[str]],
) -> None:
    run_dir, m, _ = tiny_run
    text = (run_dir / "report.md").read_text(encoding="utf-8")
    bonferroni = m["verdicts"]["bonferroni"]
    assert f"| bonferroni | {len(bonferroni['flagged'])} | {len(bonferroni['found'])} |" in text
    assert f"| ks_test | solution: ks_test | {m['cpu_seconds']['ks_test']:.3f} |" in text
    assert f"{ROWS:,} reference" in text
    for column in project.DRIFTED:
        assert f"- {column}: {project.describe(column)}" in text


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_m11_drift", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_benchmark_compares_verdicts_and_skips_without_its_environment(
    tiny_run: tuple[Path, dict[str, Any], list[str]], tmp_path: Path
) -> None:
    _, m, _ = tiny_run
    bench = _bench()
    skipped = bench.evidently(tmp_path / "no-python", tmp_path / "t.npz", "ks", 0.001)
    assert "make bench-drift" in skipped["skipped"]
    rows = {r["column"]: r for r in m["per_column"]}
    flagged = sorted(c for c, r in rows.items() if r["flagged"])
    solution_cpu = m["cpu_seconds"]["drift_report_bonferroni"]
    theirs = {
        "scores": {c: r["p_value"] for c, r in rows.items()},
        "drifted": flagged,
        "cpu_seconds": solution_cpu * 50,
    }
    same = bench.compare(m, theirs)
    assert same["max_abs_log10_p_diff"] == 0.0
    first = same["variants"][0]
    assert first["name"].startswith("solution: drift_report")
    assert first["same_verdicts"] is True
    assert first["ratio"] == pytest.approx(50)
    assert first["name"] in same["goal_met_by"]
    other = bench.compare(m, {**theirs, "drifted": sorted({*flagged, "x00"})})
    assert not any(v["same_verdicts"] for v in other["variants"])
    assert other["goal_met_by"] == []
    text = bench.markdown(
        {
            "machine": "test", "load_average_1min": [0.0, 0.0], "goal_ratio": 40.0,
            "ours": m, "evidently_ks": skipped, "evidently_default": skipped,
        }
    )  # fmt: skip
    assert "skipped: no benchmark environment" in text
    assert "no ratio measured" in text


@pytest.mark.parametrize(("n", "m"), [(600, 900), (1000, 1000), (2500, 300)])
def test_the_profiled_monitor_gives_the_solutions_results(n: int, m: int) -> None:
    rng = np.random.default_rng(n + m)
    ref, cur = rng.normal(size=(n, 6)), rng.normal(0.15, 1.0, size=(m, 6))
    ref[:, :2], cur[:, :2] = np.round(ref[:, :2] * 2), np.round(cur[:, :2] * 2)  # ties
    ref[:, 2] = 1.0  # one value only; the batch has two
    cur[:, 2] = np.where(rng.random(m) < 0.5, 1.0, 2.0)
    sol = project.solution()
    statistic, p_value = sol.ks_test(ref, cur)
    profile = fast.ReferenceProfile(ref, bins=8)
    got = profile.check(cur)
    np.testing.assert_allclose(got.statistic, statistic, rtol=0, atol=1e-12)
    np.testing.assert_allclose(got.p_value, p_value, rtol=1e-9, atol=1e-300)
    np.testing.assert_allclose(got.psi, sol.psi(ref, cur, 8), rtol=1e-9, atol=1e-12)
    again = profile.check(cur[::-1])  # a batch's order does not matter
    np.testing.assert_array_equal(again.statistic, got.statistic)
    limit = profile.check(cur, limit=True)
    np.testing.assert_array_equal(limit.statistic, got.statistic)
    moderate = got.p_value > 1e-4  # where the limit is close; far in the tail it is not
    np.testing.assert_allclose(limit.p_value[moderate], got.p_value[moderate], rtol=0.1)


def test_the_profiled_monitor_refuses_bad_input() -> None:
    ref = np.zeros((10, 3))
    with pytest.raises(ValueError, match="2-D"):
        fast.ReferenceProfile(np.zeros(10))
    with pytest.raises(ValueError, match="bins"):
        fast.ReferenceProfile(ref, bins=1)
    profile = fast.ReferenceProfile(ref)
    with pytest.raises(ValueError, match="NaN"):
        profile.check(np.full((4, 3), np.nan))
    with pytest.raises(ValueError, match="columns"):
        profile.check(np.zeros((4, 2)))
