"""Each registered data set with an offline provider loads with its documented shape."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

import airoadmap.datasets as ds
from airoadmap.datasets._store import provider_files
from airoadmap.errors import DatasetError

FRAMES = {
    "titanic": (1309, 14),
    "ames": (2930, 82),
    "sms-spam": (4862, 2),
    "tweet-sentiment": (38158, 3),
    "cdnow": (69659, 4),
    "diamonds": (53940, 10),
}
ARRAYS = {
    "mnist-5k": ((5000, 784), (5000,)),
    "digits": ((1797, 64), (1797,)),
    "fashion-mnist": ((70000, 28, 28), (70000,)),
}


def _need_provider(name: str) -> None:
    spec = ds.get_spec(name)
    if not any(provider_files(p) is not None for p in spec.providers):
        commands = " or ".join(p.install_command for p in spec.providers)
        pytest.skip(f"{name}: its offline provider is not installed ({commands})")


@pytest.mark.parametrize("name", sorted(FRAMES))
def test_frame_shape(name: str) -> None:
    _need_provider(name)
    df = ds.load_frame(name)
    assert isinstance(df, pd.DataFrame)
    assert df.shape == FRAMES[name]
    assert all(c == c.lower() and " " not in c for c in df.columns), "tidy column names"
    spec = ds.get_spec(name)
    if spec.target:
        assert spec.target in df.columns
    assert set(spec.leaky_columns) <= set(df.columns)


@pytest.mark.parametrize("name", sorted(ARRAYS))
def test_array_shape(name: str) -> None:
    _need_provider(name)
    X, y = ds.load_arrays(name)
    assert (X.shape, y.shape) == ARRAYS[name]
    assert X.dtype == np.uint8 and y.dtype == np.int64
    assert set(np.unique(y)) == set(range(10))


def test_titanic_content() -> None:
    _need_provider("titanic")
    df = ds.load_frame("titanic")
    assert list(df.columns)[-1] == "home_dest"
    assert df["survived"].isin([0, 1]).all()
    assert df["age"].dtype == np.float64 and df["age"].isna().sum() == 263  # "?" is missing
    assert not (df.astype(str) == "?").any().any()
    assert df["pclass"].dtype == np.int64


def test_ames_pickle_loads_on_this_pandas() -> None:
    _need_provider("ames")
    df = ds.load_frame("ames")
    assert df["sale_price"].dtype == np.int64 and df["sale_price"].min() > 0
    assert "year_remod_add" in df.columns


def test_sms_spam_labels() -> None:
    _need_provider("sms-spam")
    df = ds.load_frame("sms-spam")
    assert df["label"].value_counts().to_dict() == {"ham": 4220, "spam": 642}
    assert df["text"].duplicated().sum() == 328


def test_tweet_sentiment_counts() -> None:
    _need_provider("tweet-sentiment")
    counts = ds.load_frame("tweet-sentiment")["sentiment"].value_counts().to_dict()
    assert counts == {"negative": 16186, "neutral": 15018, "positive": 6954}


def test_cdnow_types() -> None:
    _need_provider("cdnow")
    df = ds.load_frame("cdnow")
    assert list(df.columns) == ["customer_id", "date", "number_of_cds", "dollar_value"]
    assert df["customer_id"].nunique() == 23570
    assert pd.api.types.is_datetime64_any_dtype(df["date"])
    assert str(df["date"].min().date()) == "1997-01-01"
    assert str(df["date"].max().date()) == "1998-06-30"


def test_mnist_5k_balanced() -> None:
    _need_provider("mnist-5k")
    X, y = ds.load_arrays("mnist-5k")
    assert np.bincount(y).tolist() == [500] * 10
    assert X.max() == 255 and X.flags.c_contiguous


def test_fashion_mnist_splits() -> None:
    _need_provider("fashion-mnist")
    X, y = ds.load_arrays("fashion-mnist", split="test")
    assert X.shape == (10000, 28, 28) and np.bincount(y).tolist() == [1000] * 10


def test_fashion_mnist_without_its_apt_package_says_what_to_install() -> None:
    spec = ds.get_spec("fashion-mnist")
    if provider_files(spec.providers[0]) is not None:
        pytest.skip("dataset-fashion-mnist is installed here")
    with pytest.raises(DatasetError) as info:
        ds.load("fashion-mnist")
    message = str(info.value)
    assert "apt install dataset-fashion-mnist" in message
    assert "\n" not in message
