"""`airoadmap run m03-linreg` on a small synthetic Ames: artifacts, metrics, data preparation.

The registry's loader is replaced by a 400-house frame shaped like Ames (identifiers, a
category code, a sum of other columns, missing values, a constant column, a text column,
two houses above 4000 square feet), so the whole study runs in a few seconds.
"""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from airoadmap.lab import projects
from airoadmap.lab.linreg import data as ames_data
from airoadmap.lab.linreg.fitting import descent_settings

FIGURES = ("loss_gd.png", "loss_sgd.png", "coefficients.png", "predicted_vs_actual.png")


def synthetic_ames(n: int = 400, seed: int = 0) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    quality = rng.integers(1, 11, n).astype(float)
    year = rng.uniform(1900, 2010, n).round()
    lot = rng.lognormal(9.0, 0.4, n)
    living = rng.normal(1500.0, 400.0, n).clip(400.0, 3800.0)
    living[:2] = [4500.0, 5200.0]  # removed by step 0
    finished = rng.uniform(0.0, 800.0, n)
    unfinished = rng.uniform(0.0, 600.0, n)
    finished[5] = unfinished[5] = np.nan  # no basement: missing means 0
    garage_year = year + rng.uniform(0.0, 20.0, n)
    garage_year[10:30] = np.nan  # no garage: the training median fills it
    log_price = (
        10.5
        + 0.08 * quality
        + 0.004 * (year - 1950)
        + 0.1 * np.log(lot)
        + 0.0003 * living
        + 0.0002 * np.nan_to_num(finished)
        + rng.normal(0.0, 0.05, n)
    )
    return pd.DataFrame(
        {
            "order": np.arange(1, n + 1),
            "pid": rng.integers(500_000_000, 1_000_000_000, n),
            "ms_sub_class": rng.choice([20, 60, 120], n),
            "neighborhood": rng.choice(["NAmes", "Edwards", "OldTown"], n),
            "overall_qual": quality,
            "year_built": year,
            "lot_area": lot,
            "gr_liv_area": living,
            "bsmt_fin_sf_1": finished,
            "bsmt_unf_sf": unfinished,
            "total_bsmt_sf": finished + unfinished,  # a sum: dropped as redundant
            "garage_yr_blt": garage_year,
            "pool_qc_score": np.where(rng.random(n) < 0.6, np.nan, 1.0),  # mostly missing
            "utilities_code": np.ones(n),  # constant
            "sale_price": np.exp(log_price),
        }
    )


@pytest.fixture(scope="module")
def study(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """One run of the whole study for the tests below (the loader gives the synthetic frame)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(ames_data, "load_ames", synthetic_ames)
        run_dir = projects.run("m03-linreg", out=tmp_path_factory.mktemp("runs"))
    return run_dir, json.loads((run_dir / "metrics.json").read_text())


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path.name} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


@pytest.mark.slow
def test_run_writes_every_artifact(study: tuple[Path, dict]) -> None:
    run_dir, _ = study
    expected = {
        "metrics.json",
        "run.json",  # whose code ran (lab.projects.run)
        "comparison.csv",
        "comparison.md",
        "coefficients.csv",
        "report.md",
        *FIGURES,
    }
    assert {p.name for p in run_dir.iterdir()} == expected
    for name in FIGURES:
        width, height = png_size(run_dir / name)
        assert width >= 500 and height >= 400, (name, width, height)
        assert (run_dir / name).stat().st_size > 15_000, f"{name} looks empty"
    report = (run_dir / "report.md").read_text()
    for name in FIGURES:
        assert f"]({name})" in report
    assert "no loss curve" in report
    # A wrapped line starting with "- " outside the lists would turn prose into a list item.
    bullets = [line for line in report.splitlines() if line.startswith("- ")]
    assert all(line[2] == "`" for line in bullets), bullets
    table = (run_dir / "comparison.md").read_text().splitlines()
    assert len(table) == 2 + 8
    assert all(line.count("|") == table[0].count("|") for line in table)


@pytest.mark.slow
def test_every_method_lands_on_scikit_learn(study: tuple[Path, dict]) -> None:
    _, metrics = study
    json.dumps(metrics, allow_nan=False)  # strict JSON: no NaN for the sklearn rows
    models = {row["model"]: row for row in metrics["models"]}
    assert set(models) == {
        "ours normal",
        "ours gd",
        "ours sgd",
        "ours normal, alpha=10",
        "ours gd, alpha=10",
        "ours sgd, alpha=10",
        "sklearn LinearRegression",
        "sklearn Ridge(alpha=10)",
    }
    for suffix, reference in (
        ("", "sklearn LinearRegression"),
        (", alpha=10", "sklearn Ridge(alpha=10)"),
    ):
        normal, gd, sgd = (models[f"ours {m}{suffix}"] for m in ("normal", "gd", "sgd"))
        assert normal["compared_with"] == gd["compared_with"] == reference
        assert normal["max_coef_diff_rel"] < 1e-10
        assert normal["intercept_diff"] < 1e-10
        assert gd["max_coef_diff_rel"] < 1e-8
        assert abs(gd["excess_loss"]) < 1e-12
        assert sgd["max_coef_diff_rel"] < 0.05
        assert 0.0 <= sgd["excess_loss"] < 1e-3
        assert normal["fit_ms"] > 0.0 and normal["time_ratio"] > 0.0
    assert models["sklearn LinearRegression"]["compared_with"] is None
    assert metrics["summary"]["r2_test"] > 0.9
    assert metrics["summary"]["gd_max_coef_diff_rel"] < 1e-8


@pytest.mark.slow
def test_the_data_preparation_is_reported(study: tuple[Path, dict]) -> None:
    _, metrics = study
    data = metrics["data"]
    assert data["removed_rows"] == 2
    assert data["rows"] == 398 and data["train_rows"] + data["test_rows"] == 398
    dropped = data["dropped"]
    assert set(dropped) == {"ms_sub_class", "pool_qc_score", "utilities_code", "total_bsmt_sf"}
    assert "bsmt_fin_sf_1" in dropped["total_bsmt_sf"] and "bsmt_unf_sf" in dropped["total_bsmt_sf"]
    assert "missing in 6" in dropped["pool_qc_score"]
    # overall_qual, year_built, lot_area, gr_liv_area, bsmt_fin_sf_1, bsmt_unf_sf, garage_yr_blt
    assert data["features"] == 7
    settings = metrics["settings"]
    assert settings["gd_learning_rate"] == pytest.approx(1.0 / settings["curvature_max"])
    assert settings["sgd_learning_rate"] * settings["max_row_norm2"] == pytest.approx(0.3)


def test_prepare_learns_on_the_training_rows_only() -> None:
    prepared = ames_data.prepare(synthetic_ames())
    np.testing.assert_allclose(prepared.X_train.mean(axis=0), 0.0, atol=1e-12)
    np.testing.assert_allclose(prepared.X_train.std(axis=0), 1.0, rtol=1e-12)
    assert not np.allclose(prepared.X_test.mean(axis=0), 0.0, atol=1e-6)
    assert np.isfinite(prepared.X_train).all() and np.isfinite(prepared.X_test).all()
    assert prepared.features[:2] == ["overall_qual", "year_built"]


def test_missing_means_none_for_areas_and_the_training_median_elsewhere() -> None:
    train = pd.DataFrame(
        {
            "bsmt_fin_sf_1": [np.nan, 300.0, 500.0],
            "garage_area": [200.0, np.nan, 400.0],
            "garage_yr_blt": [1990.0, np.nan, 2000.0],
            "lot_frontage": [60.0, 80.0, np.nan],
        }
    )
    assert ames_data.fill_values(train) == {
        "bsmt_fin_sf_1": 0.0,
        "garage_area": 0.0,
        "garage_yr_blt": 1995.0,
        "lot_frontage": 70.0,
    }


def test_redundant_columns_drops_the_sum_and_names_its_parts() -> None:
    rng = np.random.default_rng(3)
    frame = pd.DataFrame(rng.normal(size=(50, 3)), columns=["a", "b", "c"])
    frame["a_plus_2b"] = frame["a"] + 2.0 * frame["b"]
    frame["noisy_c"] = frame["c"] + 0.5 * rng.normal(size=50)
    reasons = ames_data.redundant_columns(frame)
    assert list(reasons) == ["a_plus_2b"]
    assert "2.00 x b" in reasons["a_plus_2b"] and "1.00 x a" in reasons["a_plus_2b"]


def test_descent_settings_follow_the_curvature() -> None:
    X = np.diag([2.0, 1.0]).repeat(50, axis=0)  # (100, 2), columns with sum of squares 200, 50
    settings = descent_settings(X)
    assert settings.curvature_max == pytest.approx(2.0)
    assert settings.curvature_min == pytest.approx(0.5)
    assert settings.gd_learning_rate == pytest.approx(0.5)
    assert settings.gd_iters == int(np.ceil(28.0 * 4.0))
    assert settings.max_row_norm2 == pytest.approx(5.0)
