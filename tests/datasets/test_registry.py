"""The registry itself: well-formed entries, names, the public API, import cost."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

import airoadmap.datasets as ds
from airoadmap.datasets import _registry
from airoadmap.datasets._readers import snake_case
from airoadmap.errors import UnknownIdError

HEX64 = re.compile(r"^[0-9a-f]{64}$")
HEX32 = re.compile(r"^[0-9a-f]{32}$")


def test_public_names() -> None:
    assert set(ds.__all__) == {
        "DataFile",
        "DatasetSpec",
        "DatasetStatus",
        "FileCheck",
        "Provider",
        "VerifyResult",
        "cache_dir",
        "dataset_dir",
        "fetch",
        "get_spec",
        "list_datasets",
        "load",
        "load_arrays",
        "load_frame",
        "names",
        "status",
        "verify",
    }
    for name in ds.__all__:
        assert hasattr(ds, name), name


def test_required_data_sets_are_registered() -> None:
    required = {
        "titanic",
        "ames",
        "sms-spam",
        "tweet-sentiment",
        "mnist-5k",
        "fashion-mnist",
        "cifar-10",
        "cdnow",
    }
    assert required <= set(ds.names())


@pytest.mark.parametrize("name", _registry.names())
def test_entry_is_well_formed(name: str) -> None:
    spec = ds.get_spec(name)
    assert spec.name == name
    assert spec.title and spec.description and spec.license and spec.origin and spec.returns
    assert spec.files, "a data set has at least one file"
    filenames = [f.filename for f in spec.files]
    assert len(set(filenames)) == len(filenames)
    for f in spec.files:
        assert f.sha256 is None or HEX64.match(f.sha256), f.filename
        assert f.md5 is None or HEX32.match(f.md5), f.filename
        assert f.url is None or f.url.startswith("https://"), f.url
        # Something must be able to supply the file: a provider, a URL, or a local folder.
        assert spec.providers or f.url or spec.local_dir_env
    for p in spec.providers:
        assert set(p.paths) == set(filenames), "a provider ships every file"
        assert all(HEX64.match(d) for d in p.sha256.values())
        assert (p.kind == "pip" and p.module) or (p.kind == "apt" and p.root)
    for col in spec.leaky_columns:
        assert col == snake_case(col)
    for split in spec.splits:
        assert split in ("train", "test")


def test_leaky_columns_of_titanic() -> None:
    assert ds.get_spec("titanic").leaky_columns == ("boat", "body")


def test_cifar_checksums_are_the_published_ones() -> None:
    (archive,) = ds.get_spec("cifar-10").files
    assert archive.md5 == "c58f30108f718f92721af3b95e74349a"
    assert archive.url == "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"


def test_names_are_normalised() -> None:
    assert ds.get_spec("SMS_Spam").name == "sms-spam"
    assert ds.get_spec(" fashion_mnist ").name == "fashion-mnist"


def test_unknown_name_suggests_the_closest() -> None:
    with pytest.raises(UnknownIdError) as info:
        ds.get_spec("titanc")
    assert "data set 'titanc'" in str(info.value)
    assert "titanic" in str(info.value)
    with pytest.raises(UnknownIdError):
        ds.load("no-such-data")


@pytest.mark.parametrize(
    ("raw", "tidy"),
    [
        ("SalePrice", "sale_price"),
        ("Year Remod/Add", "year_remod_add"),
        ("home.dest", "home_dest"),
        ("PID", "pid"),
        ("1st Flr SF", "1st_flr_sf"),
        ("BsmtFin SF 1", "bsmt_fin_sf_1"),
        ("already_tidy", "already_tidy"),
    ],
)
def test_snake_case(raw: str, tidy: str) -> None:
    assert snake_case(raw) == tidy


def test_import_does_not_load_pandas_or_numpy() -> None:
    code = (
        "import sys, airoadmap.datasets as d; d.list_datasets(); "
        "heavy = [m for m in ('pandas', 'numpy', 'rich') if m in sys.modules]; "
        "print(','.join(heavy)); sys.exit(1 if heavy else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, f"imported at module level: {done.stdout} {done.stderr}"
