"""Fixtures for the data set tests: a private cache per test, no downloads, fake data sets."""

from __future__ import annotations

import dataclasses
import gzip
import hashlib
import struct
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from airoadmap.datasets import _registry
from airoadmap.datasets._spec import DataFile, DatasetSpec, Provider


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own cache folder; downloads are off unless a test turns them on."""
    folder = tmp_path / "cache"
    monkeypatch.setenv("AIROADMAP_CACHE_DIR", str(folder))
    monkeypatch.setenv("AIROADMAP_OFFLINE", "1")
    monkeypatch.delenv("AIROADMAP_CIFAR10_DIR", raising=False)
    return folder


@pytest.fixture()
def unwritable_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A cache path nobody can create, even root: its parent is a regular file."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder's parent should be")
    folder = blocker / "cache"
    monkeypatch.setenv("AIROADMAP_CACHE_DIR", str(folder))
    return folder


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def read_tsv(paths: Mapping[str, Path], split: str | None) -> list[list[str]]:
    """The reader of the fake data set: rows of a small tab-separated file."""
    text = paths["rows.tsv"].read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines()]


ROWS = "a\t1\nb\t2\n"


@pytest.fixture()
def fake_source(tmp_path: Path) -> Path:
    """A small file standing in for a packaged data file."""
    folder = tmp_path / "site-packages" / "fakepkg" / "data"
    folder.mkdir(parents=True)
    path = folder / "rows.tsv"
    path.write_text(ROWS, encoding="utf-8")
    return path


MakeSpec = Callable[..., DatasetSpec]


@pytest.fixture()
def make_spec(monkeypatch: pytest.MonkeyPatch, fake_source: Path) -> MakeSpec:
    """Register a fake data set "fake" whose apt-style provider is `fake_source`'s folder.

    Keywords: provider (False: none), url, sha256 (default: the real digest of ROWS).
    """

    def make(
        *, provider: bool = True, url: str | None = None, sha256_: str | None = "auto"
    ) -> DatasetSpec:
        digest = sha256(fake_source) if sha256_ == "auto" else sha256_
        providers = (
            (
                Provider(
                    "fake-data",
                    "1.0",
                    {"rows.tsv": "rows.tsv"},
                    kind="apt",
                    root=str(fake_source.parent),
                ),
            )
            if provider
            else ()
        )
        spec = DatasetSpec(
            name="fake",
            title="Fake",
            description="A test data set.",
            license="CC0",
            origin="the tests",
            returns="list of rows",
            shape="2 x 2",
            files=(DataFile("rows.tsv", url=url, sha256=digest),),
            providers=providers,
            reader=read_tsv,
        )
        monkeypatch.setitem(_registry.REGISTRY, "fake", spec)
        return spec

    return make


def replace_spec(monkeypatch: pytest.MonkeyPatch, name: str, **changes: Any) -> DatasetSpec:
    """Swap a registered data set for a copy with some fields changed, for one test."""
    spec = dataclasses.replace(_registry.REGISTRY[name], **changes)
    monkeypatch.setitem(_registry.REGISTRY, name, spec)
    return spec


def write_idx(path: Path, array: np.ndarray) -> None:
    """Write a uint8 array as a gzip-compressed IDX file, as the MNIST files are."""
    header = bytes([0, 0, 0x08, array.ndim]) + struct.pack(f">{array.ndim}I", *array.shape)
    with gzip.open(path, "wb") as fh:
        fh.write(header + array.astype(np.uint8).tobytes())
