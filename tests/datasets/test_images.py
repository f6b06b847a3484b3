"""Image readers: IDX files (Fashion-MNIST) and CIFAR-10 python batches, on small files the
tests write in the real formats."""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import pickle
import tarfile
from pathlib import Path

import numpy as np
import pytest

import airoadmap.datasets as ds
from airoadmap.datasets._readers import read_cifar10_source, read_idx
from airoadmap.errors import DatasetError

from .conftest import replace_spec, sha256, write_idx

# --- IDX -------------------------------------------------------------------------------


def test_idx_round_trip(tmp_path: Path) -> None:
    images = np.arange(3 * 28 * 28, dtype=np.int64).reshape(3, 28, 28) % 256
    write_idx(tmp_path / "x-idx3-ubyte.gz", images)
    got = read_idx(tmp_path / "x-idx3-ubyte.gz")
    assert got.shape == (3, 28, 28) and got.dtype == np.uint8
    assert np.array_equal(got, images)
    got[0, 0, 0] = 7  # a writable array, not a view of the file's bytes


def test_idx_damage_is_one_clear_error(tmp_path: Path) -> None:
    bad_magic = tmp_path / "bad-idx1-ubyte.gz"
    with gzip.open(bad_magic, "wb") as fh:
        fh.write(b"\x01\x02\x08\x01" + b"\x00" * 8)
    with pytest.raises(DatasetError, match="bad magic"):
        read_idx(bad_magic)
    short = tmp_path / "short-idx1-ubyte.gz"
    with gzip.open(short, "wb") as fh:
        fh.write(bytes([0, 0, 8, 1]) + (10).to_bytes(4, "big") + b"\x01" * 9)
    with pytest.raises(DatasetError, match="header promises 10"):
        read_idx(short)


def _fake_fashion(folder: Path) -> dict[str, str]:
    folder.mkdir(parents=True)
    rng = np.random.default_rng(0)
    sizes = {"train": 6, "t10k": 4}
    for prefix, n in sizes.items():
        write_idx(folder / f"{prefix}-images-idx3-ubyte.gz", rng.integers(0, 256, (n, 28, 28)))
        write_idx(folder / f"{prefix}-labels-idx1-ubyte.gz", np.arange(n) % 10)
    return {p.name: sha256(p) for p in folder.iterdir()}


def test_fashion_mnist_from_its_apt_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    root = tmp_path / "usr" / "share" / "datasets" / "fashion-mnist"
    digests = _fake_fashion(root)
    spec = ds.get_spec("fashion-mnist")
    apt = ds.Provider(
        spec.providers[0].package, "test", dict(spec.providers[0].paths),
        kind="apt", root=str(root), sha256=digests,
    )  # fmt: skip
    replace_spec(monkeypatch, "fashion-mnist", providers=(apt,))
    X, y = ds.load_arrays("fashion-mnist")
    assert X.shape == (10, 28, 28) and y.tolist() == [0, 1, 2, 3, 4, 5, 0, 1, 2, 3]
    assert ds.load_arrays("fashion-mnist", split="train")[0].shape == (6, 28, 28)
    assert ds.load_arrays("fashion-mnist", split="test")[1].tolist() == [0, 1, 2, 3]
    assert ds.verify("fashion-mnist").ok is True


# --- CIFAR-10 --------------------------------------------------------------------------

TRAIN = ("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5")


def _batch(n: int, seed: int) -> tuple[bytes, np.ndarray, list[int]]:
    """A batch in the real format: a pickled dict with b"data" uint8 (n, 3072), b"labels"."""
    rng = np.random.default_rng(seed)
    data = rng.integers(0, 256, (n, 3072), dtype=np.uint8)
    labels = [int(v) for v in rng.integers(0, 10, n)]
    entry = {
        b"batch_label": f"batch {seed}".encode(),
        b"labels": labels,
        b"data": data,
        b"filenames": [f"img_{seed}_{i}.png".encode() for i in range(n)],
    }
    return pickle.dumps(entry, protocol=2), data, labels


def _write_cifar(folder: Path, n: int = 3) -> dict[str, tuple[np.ndarray, list[int]]]:
    inner = folder / "cifar-10-batches-py"
    inner.mkdir(parents=True)
    made = {}
    for seed, name in enumerate((*TRAIN, "test_batch")):
        raw, data, labels = _batch(n, seed)
        (inner / name).write_bytes(raw)
        made[name] = (data, labels)
    return made


def _tar(folder: Path, target: Path) -> Path:
    with tarfile.open(target, "w:gz") as tar:
        tar.add(folder / "cifar-10-batches-py", arcname="cifar-10-batches-py")
    return target


def test_cifar_pixels_land_in_height_width_channel_order(tmp_path: Path) -> None:
    made = _write_cifar(tmp_path / "extracted")
    X, y = read_cifar10_source(tmp_path / "extracted", "test")
    data, labels = made["test_batch"]
    assert X.shape == (3, 32, 32, 3) and X.dtype == np.uint8
    assert y.tolist() == labels and y.dtype == np.int64
    # Row layout: 1024 red values, then green, then blue; each plane row-major 32 x 32.
    for r, c, ch in [(0, 0, 0), (0, 1, 0), (1, 0, 1), (31, 31, 2), (5, 17, 1)]:
        assert X[2, r, c, ch] == data[2, ch * 1024 + r * 32 + c]


def test_cifar_from_folder_and_from_tar_agree(tmp_path: Path) -> None:
    _write_cifar(tmp_path / "extracted")
    archive = _tar(tmp_path / "extracted", tmp_path / "cifar-10-python.tar.gz")
    X1, y1 = read_cifar10_source(tmp_path / "extracted", None)
    X2, y2 = read_cifar10_source(archive, None)
    X3, _ = read_cifar10_source(tmp_path / "extracted" / "cifar-10-batches-py", "train")
    assert X1.shape == (18, 32, 32, 3) and X3.shape == (15, 32, 32, 3)
    assert np.array_equal(X1, X2) and np.array_equal(y1, y2)
    assert np.array_equal(X1[:15], X3)


def test_cifar_from_the_environment_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_cifar(tmp_path / "mine")
    monkeypatch.setenv("AIROADMAP_CIFAR10_DIR", str(tmp_path / "mine"))
    assert ds.status("cifar-10").source == "local"
    X, y = ds.load_arrays("cifar-10", split="train")
    assert X.shape == (15, 32, 32, 3) and y.shape == (15,)
    result = ds.verify("cifar-10")  # the test batches are not the published ones
    assert result.source == "local" and result.ok is False and len(result.files) == 6
    assert ds.fetch("cifar-10") == tmp_path / "mine"  # used in place, not copied


def test_cifar_environment_folder_must_exist(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("AIROADMAP_CIFAR10_DIR", str(tmp_path / "nowhere"))
    with pytest.raises(DatasetError, match=r"AIROADMAP_CIFAR10_DIR=.* is not a folder"):
        ds.load("cifar-10")


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def test_cifar_download_is_verified_by_md5(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _write_cifar(tmp_path / "extracted")
    archive = _tar(tmp_path / "extracted", tmp_path / "served.tar.gz")
    good = ds.DataFile(
        "cifar-10-python.tar.gz", url=archive.as_uri(), sha256=None, md5=_md5(archive)
    )
    replace_spec(monkeypatch, "cifar-10", files=(good,))
    monkeypatch.setenv("AIROADMAP_OFFLINE", "0")
    X, y = ds.load_arrays("cifar-10")
    assert X.shape == (18, 32, 32, 3) and y.shape == (18,)
    cached = ds.dataset_dir("cifar-10") / "cifar-10-python.tar.gz"
    assert cached.read_bytes() == archive.read_bytes()
    assert ds.verify("cifar-10").files[0].algorithm == "md5"
    # The same archive against the real published md5 fails: it is not the real CIFAR-10.
    real = ds.DataFile("cifar-10-python.tar.gz", url=archive.as_uri(), sha256=None,
                       md5="c58f30108f718f92721af3b95e74349a")  # fmt: skip
    replace_spec(monkeypatch, "cifar-10", files=(real,))
    cached.unlink()
    with pytest.raises(DatasetError, match="fails its checksum"):
        ds.load("cifar-10")
    assert not cached.exists()


def test_cifar_without_anything_says_where_to_put_it() -> None:
    with pytest.raises(DatasetError) as info:
        ds.load("cifar-10")
    message = str(info.value)
    assert "AIROADMAP_CIFAR10_DIR" in message and "cifar-10-python.tar.gz" in message
    assert "\n" not in message


def test_cifar_batch_that_runs_code_is_refused(tmp_path: Path) -> None:
    _write_cifar(tmp_path / "x")

    class Evil:
        def __reduce__(self) -> tuple[object, tuple[str]]:
            return (os.system, ("echo pwned",))

    (tmp_path / "x" / "cifar-10-batches-py" / "test_batch").write_bytes(
        pickle.dumps({b"data": Evil(), b"labels": [0]}, protocol=2)
    )
    with pytest.raises(DatasetError, match="never refers to"):
        read_cifar10_source(tmp_path / "x", "test")


def test_cifar_batch_pickled_by_old_numpy_reads_without_warnings(tmp_path: Path) -> None:
    # The published batches name numpy.core.multiarray (numpy 1): that must still read.
    raw, data, _ = _batch(2, 9)
    old = raw.replace(b"numpy._core.multiarray", b"numpy.core.multiarray")
    assert b"cnumpy.core.multiarray\n" in old
    X, _ = _read_batch_bytes(tmp_path, old)
    assert np.array_equal(X.transpose(0, 3, 1, 2).reshape(2, 3072), data)


def _read_batch_bytes(tmp_path: Path, raw: bytes) -> tuple[np.ndarray, np.ndarray]:
    inner = tmp_path / "cifar-10-batches-py"
    inner.mkdir()
    (inner / "test_batch").write_bytes(raw)
    return read_cifar10_source(tmp_path, "test")


def test_cifar_batch_of_the_wrong_shape_is_refused(tmp_path: Path) -> None:
    raw = pickle.dumps({b"data": np.zeros((2, 100), np.uint8), b"labels": [0, 1]}, protocol=2)
    with pytest.raises(DatasetError, match=r"expected uint8 \(N, 3072\)"):
        _read_batch_bytes(tmp_path, raw)


def test_cifar_tar_without_batches_is_refused(tmp_path: Path) -> None:
    archive = tmp_path / "empty.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:
        info = tarfile.TarInfo("cifar-10-batches-py/readme.html")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    with pytest.raises(DatasetError, match="lacks the CIFAR-10 batch test_batch"):
        read_cifar10_source(archive, "test")
