"""The m07-cnn reference projects (airoadmap.lab.cnn): the device choice, the fast CIFAR-10
schedule's parts, and whole runs on tiny synthetic images, one epoch, tiny nets, on the CPU."""

from __future__ import annotations

import itertools
import json
import math
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch
from torch import nn

from airoadmap.errors import AiroadmapError
from airoadmap.lab.cnn import cifar_fast, device, project
from airoadmap.lab.cnn.cifar_fast import FastConfig
from airoadmap.lab.cnn.data import ImageData, check_name
from airoadmap.lab.stages import listening

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CLASSES = tuple(f"class {k}" for k in range(10))
PALETTE = [
    (230, 30, 30), (30, 230, 30), (30, 30, 230), (230, 230, 30), (230, 30, 230),
    (30, 230, 230), (230, 130, 30), (130, 30, 230), (30, 130, 230), (160, 160, 160),
]  # fmt: skip
TINY_FAST = FastConfig(
    epochs=2,
    batch_size=32,
    widths=(8, 16, 16),
    whiten_bias_epochs=1,
    lookahead_every=2,
    warmup_steps=1,
)


def synthetic(
    n_train: int, n_test: int, shape: tuple[int, ...], name: str = "fashion-mnist", seed: int = 0
) -> ImageData:
    """Images a CNN can learn: class k is noise plus a bright bar at rows 2k..2k+3 (grey) or
    a square of the k-th colour of PALETTE (colour: CIFAR-like nets pool positions away)."""

    def make(n: int, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
        labels = np.arange(n, dtype=np.int64) % 10
        images = rng.integers(0, 90, (n, *shape)).astype(np.uint8)
        for i, k in enumerate(labels):
            if len(shape) == 3:
                images[i, 8:24, 8:24] = PALETTE[k]
            else:
                images[i, 2 * k : 2 * k + 4] = 230
        return images, labels

    rng = np.random.default_rng(seed)
    X, y = make(n_train, rng)
    Xt, yt = make(n_test, rng)
    return ImageData(name, "Tiny", CLASSES, X, y, Xt, yt)


@pytest.fixture(autouse=True)
def one_thread(monkeypatch: pytest.MonkeyPatch) -> None:
    """Runs use one thread per available core: here one (tests share two busy cores)."""
    monkeypatch.setattr(device, "available_cores", lambda: 1)


@pytest.fixture()
def tiny_recipes(monkeypatch: pytest.MonkeyPatch) -> None:
    tiny = project.Recipe(train={"epochs": 1, "batch_size": 64})
    monkeypatch.setitem(project.RECIPES, "fashion-mnist", tiny)
    monkeypatch.setitem(project.RECIPES, "cifar-10", tiny)
    monkeypatch.setattr(project, "FAST_CONFIG", TINY_FAST)


# --- device ----------------------------------------------------------------------------------


def test_auto_is_the_cpu_without_a_gpu(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    choice = device.choose_device("auto")
    assert choice.kind == "cpu" and choice.threads == 1
    assert choice.torch_device == torch.device("cpu")
    assert device.choose_device("cpu", "fp32").precision == "fp32"
    assert device.choose_device("cpu", "bf16").precision == "bf16"
    assert choice.summary().startswith("cpu (") and "1 thread," in choice.summary()


def test_cuda_without_a_gpu_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    with pytest.raises(AiroadmapError, match="sees no CUDA GPU") as info:
        device.choose_device("cuda")
    assert "\n" not in str(info.value) and "--device cpu" in str(info.value)
    with pytest.raises(AiroadmapError, match="use one of auto, cpu, cuda"):
        device.choose_device("gpu")
    with pytest.raises(AiroadmapError, match="use one of auto, bf16, fp32"):
        device.choose_device("cpu", "fp16")


def test_auto_takes_the_gpu_when_torch_sees_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: True)
    monkeypatch.setattr(torch.cuda, "get_device_name", lambda index=0: "Fake H100")
    monkeypatch.setattr(torch.cuda, "is_bf16_supported", lambda: True)
    choice = device.choose_device("auto")
    assert (choice.kind, choice.name, choice.precision) == ("cuda", "Fake H100", "bf16")
    assert choice.summary() == "cuda (Fake H100, bf16)"
    assert device.choose_device("cuda", "fp32").precision == "fp32"
    assert device.choose_device("cpu").kind == "cpu"  # asked for: the CPU even with a GPU


def test_cpu_precision_follows_the_instruction_set(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    monkeypatch.setattr(device, "cpu_has_native_bf16", lambda: False)
    assert device.choose_device("auto").precision == "fp32"
    monkeypatch.setattr(device, "cpu_has_native_bf16", lambda: True)
    assert device.choose_device("auto").precision == "bf16"


def test_autocast_and_threads_are_restored() -> None:
    before = torch.get_num_threads()
    with device.torch_threads(1):
        assert torch.get_num_threads() == 1
    assert torch.get_num_threads() == before
    a = torch.randn(4, 4)
    bf16 = device.DeviceChoice("cpu", "test", 1, "bf16")
    fp32 = device.DeviceChoice("cpu", "test", 1, "fp32")
    with device.autocast(bf16):
        assert (a @ a).dtype == torch.bfloat16
    with device.autocast(fp32):
        assert (a @ a).dtype == torch.float32


def test_autocast_does_not_keep_the_weights_of_the_first_step() -> None:
    # One autocast block around a whole training loop: each step must see the new weights.
    layer = nn.Linear(3, 1, bias=False)
    x = torch.ones(1, 3)
    with device.autocast(device.DeviceChoice("cpu", "test", 1, "bf16")):
        first = layer(x).float().item()
        with torch.no_grad():
            layer.weight.add_(1.0)
        second = layer(x).float().item()
    assert second == pytest.approx(first + 3, abs=0.05)


@pytest.mark.parametrize(("given", "expected"), [(None, "PASSIVE"), ("ACTIVE", "ACTIVE")])
def test_idle_openmp_threads_sleep_unless_told_otherwise(given: str | None, expected: str) -> None:
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    if given is not None:
        env["OMP_WAIT_POLICY"] = given
    code = "import os, airoadmap.lab.cnn; print(os.environ['OMP_WAIT_POLICY'])"
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == expected


def test_unknown_data_is_one_clear_error() -> None:
    with pytest.raises(AiroadmapError, match="use fashion-mnist or cifar-10"):
        check_name("mnist")
    with pytest.raises(AiroadmapError, match="use fashion-mnist or cifar-10"):
        project.run(Path("unused"), data="mnist")


def test_doctor_names_the_run_device(monkeypatch: pytest.MonkeyPatch) -> None:
    from airoadmap.doctor import _torch

    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    found = {f.name: f for f in _torch()}
    assert found["run device"].ok
    assert found["run device"].detail == device.choose_device().summary()


# --- the fast schedule's parts -----------------------------------------------------------------


def test_whitening_filters_decorrelate_the_patches() -> None:
    gen = torch.Generator().manual_seed(0)
    base = torch.randn(64, 3, 12, 12, generator=gen)
    images = base + 0.8 * base.roll(1, dims=1) + 0.5 * base.roll(1, dims=3)  # correlated
    filters = cifar_fast.whitening_weights(images, patch=2, eps=0.0)
    assert filters.shape == (24, 3, 2, 2)
    assert torch.allclose(filters[12:], -filters[:12])
    out = nn.functional.conv2d(images, filters[:12]).permute(0, 2, 3, 1).reshape(-1, 12)
    covariance = torch.cov(out.T.double())
    assert torch.allclose(covariance, torch.eye(12, dtype=torch.float64), atol=1e-3)


def test_flips_alternate_between_epochs() -> None:
    masks = [cifar_fast.flip_masks(100, e, torch.Generator().manual_seed(5)) for e in range(3)]
    assert 30 < int(masks[0].sum()) < 70
    assert torch.equal(masks[1], ~masks[0]) and torch.equal(masks[2], masks[0])


def test_translate_cuts_from_the_reflected_border() -> None:
    batch = torch.arange(2 * 3 * 6 * 6, dtype=torch.float32).reshape(2, 3, 6, 6)
    assert torch.equal(cifar_fast.translate(batch, 0, torch.Generator()), batch)
    moved = cifar_fast.translate(batch, 2, torch.Generator().manual_seed(1))
    assert moved.shape == batch.shape
    padded = nn.functional.pad(batch, (2, 2, 2, 2), mode="reflect")
    for i in range(2):
        crops = [padded[i, :, dy : dy + 6, dx : dx + 6] for dy in range(5) for dx in range(5)]
        assert any(torch.equal(moved[i], c) for c in crops)


def test_learning_rate_warms_up_then_decays() -> None:
    config = FastConfig(warmup=0.2, start_lr=0.2, end_lr=0.05)
    factors = [cifar_fast.lr_factor(s, 100, config) for s in range(101)]
    assert factors[0] == pytest.approx(0.2)
    assert max(factors) == pytest.approx(1.0) and factors.index(max(factors)) == 20
    assert factors[100] == pytest.approx(0.05)
    assert all(a <= b for a, b in itertools.pairwise(factors[:21]))
    assert all(a >= b for a, b in itertools.pairwise(factors[20:]))


def test_lookahead_pulls_the_weights_to_the_slow_copy() -> None:
    model = nn.Linear(2, 1)
    look = cifar_fast.Lookahead(model, every=2)
    start = model.weight.detach().clone()
    with torch.no_grad():
        model.weight.add_(1.0)
    look.step(0, 4)  # not a sync step
    assert torch.allclose(model.weight, start + 1)
    look.step(1, 4)  # sync at half-way: decay = 0.95**2 * (2/4)**3
    decay = 0.95**2 * 0.5**3
    assert torch.allclose(model.weight, start + (1 - decay), atol=1e-6)
    with torch.no_grad():
        model.weight.add_(5.0)
    look.finish()
    assert torch.allclose(model.weight, start + (1 - decay), atol=1e-6)


def test_fast_net_starts_near_the_identity() -> None:
    config = FastConfig(widths=(8, 16, 16))
    net = cifar_fast.FastNet(config, cifar_fast.whitening_weights(torch.randn(8, 3, 8, 8)))
    x = torch.randn(2, 8, 5, 5)
    assert torch.allclose(net.blocks[0].conv2(x), x, atol=1e-6)  # square convs: all identity
    assert not net.whiten.weight.requires_grad and net.whiten_bias().requires_grad
    assert not net.blocks[0].norm1.weight.requires_grad
    assert net(torch.randn(2, 3, 32, 32)).shape == (2, 10)


def test_test_time_augmentation_averages_the_mirror_image() -> None:
    torch.manual_seed(0)
    model = nn.Sequential(nn.Flatten(), nn.Linear(3 * 4 * 4, 10)).eval()
    x = torch.randn(5, 3, 4, 4)
    tta, plain = cifar_fast.predict_tta(model, x, level=1, bf16=False)
    with torch.no_grad():
        assert torch.allclose(plain, model(x).softmax(1))
        assert torch.allclose(tta, (0.5 * (model(x) + model(x.flip(3)))).softmax(1), atol=1e-6)
    level0, _ = cifar_fast.predict_tta(model, x, level=0, bf16=False)
    assert torch.allclose(level0, plain)
    level2, _ = cifar_fast.predict_tta(model, x, level=2, bf16=False)
    assert level2.shape == (5, 10) and torch.allclose(level2.sum(1), torch.ones(5))


@pytest.mark.slow
def test_fast_schedule_learns_on_the_cpu_in_bfloat16() -> None:
    data = synthetic(320, 80, (32, 32, 3))
    seen: list[int] = []
    result = cifar_fast.train_fast(
        data.train_images,
        data.train_labels,
        data.test_images,
        config=TINY_FAST,
        device="cpu",
        bf16=True,
        on_epoch=lambda epoch, record: seen.append(epoch),
    )
    assert seen == [1, 2] and len(result.history) == 2
    assert result.steps == 2 * (320 // 32) and result.images_seen == result.steps * 32
    assert result.proba.shape == (80, 10) and result.proba.dtype == torch.float32
    assert result.train_seconds > 0
    assert not result.model.whiten_bias().requires_grad  # frozen after its one epoch
    accuracy = float((result.proba.argmax(1).numpy() == data.test_labels).mean())
    assert accuracy > 0.3  # chance is 0.1: the bars are learned in two short epochs


# --- whole runs --------------------------------------------------------------------------------


def _check_run(run_dir: Path, metrics: dict[str, Any], data: ImageData) -> None:
    """The artifacts exist and every metric is what the saved model and arrays say."""
    for name in ("curves.png", "confusion_matrix.png", "mistakes.png"):
        assert (run_dir / name).read_bytes().startswith(PNG_SIGNATURE), name
    for name in ("report.md", "model_card.md"):
        assert f"{metrics['test_accuracy']:.4f}" in (run_dir / name).read_text(encoding="utf-8")
    matrix = np.asarray(metrics["confusion_matrix"])
    assert matrix.sum() == len(data.test_labels) == metrics["test_images"]
    assert metrics["test_accuracy"] == pytest.approx(np.trace(matrix) / matrix.sum())
    assert list(metrics["per_class_accuracy"]) == list(data.classes)
    for k, name in enumerate(data.classes):
        row = matrix[k].sum()
        expected = matrix[k, k] / row if row else math.nan
        got = metrics["per_class_accuracy"][name]
        assert got == pytest.approx(expected, nan_ok=True)
    wrong = metrics["mistakes"]
    assert len(wrong) == min(16, len(data.test_labels) - int(np.trace(matrix)))
    assert all(m["true"] != m["predicted"] for m in wrong)
    confidences = [m["confidence"] for m in wrong]
    assert confidences == sorted(confidences, reverse=True)
    assert metrics["images_per_second"] == pytest.approx(
        metrics["epochs"] * len(data.train_labels) / metrics["train_seconds"], rel=0.05
    )
    assert metrics["device"] == "cpu" and metrics["threads"] == 1
    assert metrics["torch"] == torch.__version__
    assert len(metrics["history"]) == math.ceil(metrics["epochs"])


@pytest.mark.slow
def test_run_writes_every_artifact_and_true_metrics(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_recipes: None
) -> None:
    data = synthetic(256, 64, (28, 28))
    monkeypatch.setattr(project, "load_images", lambda name: data)
    stages: list[str] = []
    with listening(stages.append):
        metrics = project.run(tmp_path, device="cpu")
    _check_run(tmp_path, metrics, data)
    assert metrics["method"] == "solution" and metrics["epochs"] == 1
    assert metrics["model"]["config"]["batch_size"] == 64
    assert any(s.startswith("training: epoch 1 of 1") for s in stages)
    assert metrics["history"][0]["test_accuracy"] == pytest.approx(metrics["test_accuracy"])
    assert metrics["goal"]["met"] is False  # a tiny run is no evidence for the goal

    # The saved weights give the reported predictions.
    sol = project.solution()
    model = sol.make_model(1, 10)
    model.load_state_dict(torch.load(tmp_path / "model.pt"))
    mean, std = sol.channel_stats(data.train_images)
    proba = sol.predict_proba(model, sol.normalize(data.test_images, mean, std))
    expected = sol.confusion_matrix(data.test_labels, proba.argmax(1).numpy(), 10)
    assert np.array_equal(expected, np.asarray(metrics["confusion_matrix"]))


@pytest.mark.slow
def test_airoadmap_run_saves_the_metrics_it_computed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_recipes: None
) -> None:
    from airoadmap.lab import projects

    data = synthetic(128, 40, (28, 28))
    monkeypatch.setattr(project, "load_images", lambda name: data)
    entry = projects.Project("m07-cnn", "CNN", "airoadmap.lab.cnn.project:run")
    monkeypatch.setattr(projects, "projects", lambda: {"m07-cnn": entry})
    run_dir = projects.run("m07-cnn", tmp_path, data="fashion-mnist", device="cpu")
    saved = json.loads((run_dir / "metrics.json").read_text(encoding="utf-8"))
    _check_run(run_dir, saved, data)
    assert saved["device"] == "cpu" and saved["precision"] in ("bf16", "fp32")


@pytest.mark.slow
def test_cifar10_fast_schedule_runs_on_the_cpu(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_recipes: None
) -> None:
    data = synthetic(256, 64, (32, 32, 3), "cifar-10")
    monkeypatch.setattr(project, "load_images", lambda name: data)
    metrics = project.run_cifar10(tmp_path, device="cpu", precision="bf16", fast=True)
    _check_run(tmp_path, metrics, data)
    assert metrics["method"] == "fast" and metrics["precision"] == "bf16"
    assert list(metrics["model"]["config"]["widths"]) == [8, 16, 16]
    assert 0 <= metrics["model"]["test_accuracy_without_tta"] <= 1
    assert "test-time augmentation" in (tmp_path / "report.md").read_text(encoding="utf-8")


@pytest.mark.slow
def test_cifar10_on_the_cpu_runs_the_solution(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tiny_recipes: None
) -> None:
    data = synthetic(128, 40, (32, 32, 3), "cifar-10")
    monkeypatch.setattr(project, "load_images", lambda name: data)
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    metrics = project.run_cifar10(tmp_path)
    _check_run(tmp_path, metrics, data)
    assert metrics["method"] == "solution" and metrics["data"] == "cifar-10"
    assert "goal" not in metrics  # the 91% goal is Fashion-MNIST's
