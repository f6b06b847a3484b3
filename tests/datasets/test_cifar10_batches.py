"""CIFAR-10 as the CNN projects load it (airoadmap.lab.cnn.data), from tiny batches this test
writes in the real format (pickled dicts of b"data" uint8 (N, 3072) and b"labels"): in a
folder named by AIROADMAP_CIFAR10_DIR, as the canonical tar.gz in the cache, and absent."""

from __future__ import annotations

import hashlib
import pickle
import tarfile
from pathlib import Path

import numpy as np
import pytest

import airoadmap.datasets as ds
from airoadmap.errors import DatasetError
from airoadmap.lab.cnn.data import CIFAR10_MISSING, load_images

from .conftest import replace_spec

BATCHES = ("data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4", "data_batch_5")
PER_BATCH = 12


def write_batches(root: Path) -> dict[str, tuple[np.ndarray, np.ndarray]]:
    """root/cifar-10-batches-py/{data_batch_1..5, test_batch}; returns (rows, labels) of each."""
    folder = root / "cifar-10-batches-py"
    folder.mkdir(parents=True)
    rng = np.random.default_rng(7)
    written = {}
    for name in (*BATCHES, "test_batch"):
        rows = rng.integers(0, 256, (PER_BATCH, 3072), dtype=np.uint8)
        labels = rng.integers(0, 10, PER_BATCH)
        batch = {
            b"batch_label": name.encode(),
            b"labels": [int(v) for v in labels],
            b"data": rows,
            b"filenames": [f"{name}_{i}.png".encode() for i in range(PER_BATCH)],
        }
        (folder / name).write_bytes(pickle.dumps(batch, protocol=2))
        written[name] = (rows, labels)
    return written


def test_cifar10_from_a_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    written = write_batches(tmp_path / "mine")
    monkeypatch.setenv("AIROADMAP_CIFAR10_DIR", str(tmp_path / "mine"))
    data = load_images("cifar-10")
    assert data.train_images.shape == (5 * PER_BATCH, 32, 32, 3)
    assert data.test_images.shape == (PER_BATCH, 32, 32, 3)
    assert (data.channels, data.size) == (3, (32, 32))
    assert data.classes[:2] == ("airplane", "automobile") and len(data.classes) == 10
    rows, labels = written["data_batch_2"]
    first = PER_BATCH  # batch 2 follows batch 1
    assert np.array_equal(data.train_labels[first : first + PER_BATCH], labels)
    # Pixel (row 5, column 9) of channel 1 (green) of the batch's image 3:
    assert data.train_images[first + 3, 5, 9, 1] == rows[3, 1024 + 5 * 32 + 9]
    assert np.array_equal(data.test_labels, written["test_batch"][1])


def test_cifar10_from_the_canonical_archive_in_the_cache(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    written = write_batches(tmp_path / "extracted")
    archive = ds.dataset_dir("cifar-10") / "cifar-10-python.tar.gz"
    archive.parent.mkdir(parents=True, exist_ok=True)
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(tmp_path / "extracted" / "cifar-10-batches-py", arcname="cifar-10-batches-py")
    md5 = hashlib.md5(archive.read_bytes(), usedforsecurity=False).hexdigest()
    # The archive is not the published one: register its own digest for this test.
    ours = ds.DataFile("cifar-10-python.tar.gz", url=None, sha256=None, md5=md5)
    replace_spec(monkeypatch, "cifar-10", files=(ours,), member_md5={})
    assert ds.status("cifar-10").source == "cache"
    data = load_images("cifar-10")
    assert data.train_images.shape == (5 * PER_BATCH, 32, 32, 3)
    assert np.array_equal(data.test_labels, written["test_batch"][1])


def test_without_cifar10_one_line_says_how_to_get_it() -> None:
    with pytest.raises(DatasetError) as info:
        load_images("cifar-10")
    message = str(info.value)
    assert message == CIFAR10_MISSING and "\n" not in message
    assert "airoadmap data fetch cifar-10" in message and "AIROADMAP_CIFAR10_DIR" in message


def test_run_cifar10_without_the_data_stops_before_training(tmp_path: Path) -> None:
    from airoadmap.lab.cnn.project import run_cifar10

    with pytest.raises(DatasetError, match="airoadmap data fetch cifar-10"):
        run_cifar10(tmp_path, device="cpu")
    assert list(tmp_path.iterdir()) == []


@pytest.mark.slow
def test_run_cifar10_on_tiny_batches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from airoadmap.lab.cnn import device, project

    write_batches(tmp_path / "mine")
    monkeypatch.setenv("AIROADMAP_CIFAR10_DIR", str(tmp_path / "mine"))
    monkeypatch.setattr(device, "available_cores", lambda: 1)
    monkeypatch.setitem(project.RECIPES, "cifar-10", project.Recipe(train={"epochs": 1}))
    run_dir = tmp_path / "run"
    run_dir.mkdir()
    metrics = project.run_cifar10(run_dir, device="cpu")
    assert metrics["data"] == "cifar-10" and metrics["device"] == "cpu"
    assert (metrics["train_images"], metrics["test_images"]) == (5 * PER_BATCH, PER_BATCH)
    assert next(iter(metrics["per_class_accuracy"])) == "airplane"
    assert (run_dir / "mistakes.png").is_file() and (run_dir / "report.md").is_file()
