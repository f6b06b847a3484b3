"""The Mauna Loa CO2 entry: its reader on small files, and the file statsmodels ships."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import airoadmap.datasets as ds
from airoadmap.datasets._readers import read_mauna_loa_co2
from airoadmap.datasets._store import provider_files
from airoadmap.errors import DatasetError

NAME = "mauna-loa-co2"


def _write(tmp_path: Path, text: str) -> dict[str, Path]:
    path = tmp_path / "co2.csv"
    path.write_text(text, encoding="utf-8")
    return {"co2.csv": path}


def test_reader_parses_dates_and_keeps_missing_weeks(tmp_path: Path) -> None:
    paths = _write(tmp_path, "date,co2\n19580329,316.1\n19580405,\n19580412,317.6\n")
    df = read_mauna_loa_co2(paths, None)
    assert list(df.columns) == ["date", "co2"]
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert df["date"].tolist() == list(pd.to_datetime(["1958-03-29", "1958-04-05", "1958-04-12"]))
    assert df["co2"].dtype == np.float64
    assert np.isnan(df["co2"].iloc[1]) and df["co2"].iloc[2] == 317.6


def test_reader_rejects_other_columns_in_one_line(tmp_path: Path) -> None:
    paths = _write(tmp_path, "day,ppm\n19580329,316.1\n")
    with pytest.raises(DatasetError, match=r"columns \['day', 'ppm'\], expected \['date', 'co2'\]"):
        read_mauna_loa_co2(paths, None)


def test_registered_with_its_provider() -> None:
    spec = ds.get_spec(NAME)
    assert spec.target == "co2"
    (provider,) = spec.providers
    assert (provider.package, provider.module) == ("statsmodels", "statsmodels")
    assert provider.paths == {"co2.csv": "datasets/co2/co2.csv"}
    assert spec.file("co2.csv").sha256 is not None


def test_the_packaged_file_loads_offline_and_verifies() -> None:
    spec = ds.get_spec(NAME)
    if provider_files(spec.providers[0]) is None:
        pytest.skip(f"{NAME}: its offline provider is not installed (pip install statsmodels)")
    df = ds.load_frame(NAME)
    assert df.shape == (2284, 2)
    assert int(df["co2"].isna().sum()) == 59
    assert (df["date"].diff().dropna() == pd.Timedelta(days=7)).all()
    assert (df["date"].iloc[0], df["date"].iloc[-1]) == (
        pd.Timestamp("1958-03-29"),
        pd.Timestamp("2001-12-29"),
    )
    assert df["co2"].dropna().between(310, 380).all()
    assert ds.verify(NAME).ok is True
