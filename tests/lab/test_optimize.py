"""The m09-optimize reference project (airoadmap.lab.optimize): its compression steps, and a
whole run on tiny synthetic images whose artifacts are replayed independently."""

from __future__ import annotations

import io
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import numpy as np
import onnx
import onnxruntime as ort
import optuna
import pytest
import torch
from torch import nn

from airoadmap.errors import AiroadmapError
from airoadmap.lab.cnn.data import ImageData
from airoadmap.lab.cnn.device import DeviceChoice
from airoadmap.lab.optimize import compression, project, tuning
from airoadmap.lab.stages import listening

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
CLASSES = tuple(f"class {k}" for k in range(10))
TINY = project.Settings(
    tune_train=120,
    tune_val=60,
    tune_epochs=2,
    workers=1,
    trials_per_worker=2,
    finetune_epochs=1,
    calibration_images=64,
    repeats=(3, 2),
)


def synthetic(n_train: int, n_test: int, seed: int = 0) -> ImageData:
    """28x28 images whose class is a bright square at one of ten places, with noise."""
    rng = np.random.default_rng(seed)

    def make(n: int) -> tuple[np.ndarray, np.ndarray]:
        labels = rng.integers(0, 10, n)
        images = rng.integers(0, 60, (n, 28, 28))
        for i, k in enumerate(labels):
            row, col = divmod(int(k), 5)
            images[i, 4 + 12 * row : 12 + 12 * row, 1 + 5 * col : 6 + 5 * col] += 180
        return images.astype(np.uint8), labels.astype(np.int64)

    x_train, y_train = make(n_train)
    x_test, y_test = make(n_test)
    return ImageData("fashion-mnist", "Synthetic", CLASSES, x_train, y_train, x_test, y_test)


def trained_bn_net(seed: int = 0) -> nn.Sequential:
    """The m07-cnn net with batch-norm statistics and scales away from their defaults."""
    torch.manual_seed(seed)
    model: nn.Sequential = project.m07().make_model(1, 10)
    with torch.no_grad():
        for name, buffer in model.named_buffers():
            if name.endswith("running_mean"):
                buffer.uniform_(-1, 1)
            elif name.endswith("running_var"):
                buffer.uniform_(0.5, 2)
        for layer in model.modules():
            if isinstance(layer, nn.BatchNorm2d):
                layer.weight.uniform_(0.5, 1.5)
                layer.bias.uniform_(-0.5, 0.5)
    return model.eval()


# --- compression steps -----------------------------------------------------------------------


def _block(model: nn.Sequential) -> nn.Sequential:
    block = model[1]
    assert isinstance(block, nn.Sequential)
    return block


def _layers(model: nn.Sequential) -> tuple[nn.Conv2d, nn.BatchNorm2d, nn.Linear]:
    """The last block's convolution and batch norm, and the linear layer."""
    conv, bn, linear = _block(model)[0], _block(model)[2], model[5]
    assert isinstance(conv, nn.Conv2d) and isinstance(bn, nn.BatchNorm2d)
    assert isinstance(linear, nn.Linear)
    return conv, bn, linear


def test_pruning_keeps_the_chosen_channels_and_their_linear_inputs() -> None:
    model = trained_bn_net()
    x = torch.randn(6, 1, 28, 28)
    with torch.no_grad():
        assert torch.equal(compression.prune_channels(model, 32)(x), model(x))
        pruned = compression.prune_channels(model, 20)
        conv, bn, linear = _layers(pruned)
        assert conv.weight.shape == (20, 16, 3, 3) and bn.num_features == 20
        assert linear.weight.shape == (10, 20 * 49)
        # The same as the full net whose other channels no longer reach the linear layer.
        kept = torch.topk(compression.channel_importance(_block(model)), 20).indices
        dropped = sorted(set(range(32)) - set(kept.tolist()))
        cut = trained_bn_net()
        _layers(cut)[2].weight.view(10, 32, 49)[:, dropped] = 0.0
        assert torch.allclose(pruned(x), cut(x), atol=1e-5)
    with pytest.raises(ValueError, match="keep must be between 1 and 32"):
        compression.prune_channels(model, 33)
    with pytest.raises(ValueError, match="m07-cnn net"):
        compression.prune_channels(nn.Sequential(nn.Linear(3, 2)), 1)


def test_folding_batch_norm_keeps_the_outputs() -> None:
    model = trained_bn_net()
    x = torch.randn(6, 1, 28, 28)
    folded = compression.fold_batchnorm(model)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in folded.modules())
    with torch.no_grad():
        assert torch.allclose(folded(x), model(x), atol=1e-5)
        _layers(model)[1].weight[3] = -0.5  # a negative scale does not pass through max pooling
    half = compression.fold_batchnorm(model)
    assert [isinstance(m, nn.BatchNorm2d) for m in half.modules()].count(True) == 1
    with torch.no_grad():
        assert torch.allclose(half(x), model(x), atol=1e-5)


def test_the_median_pruner_can_stop_a_trial_before_its_last_epoch(tmp_path: Path) -> None:
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = tuning.create_study(f"sqlite:///{tmp_path / 'study.db'}", "demo", seed=0)
    for _ in range(tuning.PRUNER_STARTUP_TRIALS):
        trial = study.ask()
        for epoch, value in enumerate((0.80, 0.85, 0.90), start=1):
            trial.report(value, step=epoch)
        study.tell(trial, 0.90)
    worse = study.ask()
    worse.report(0.70, step=1)
    assert not worse.should_prune()  # within the warm-up
    worse.report(0.75, step=tuning.PRUNER_WARMUP_EPOCHS)
    assert worse.should_prune()  # below the median after epoch 2 of 3: the last one is saved
    assert study.direction == optuna.study.StudyDirection.MAXIMIZE
    assert isinstance(study.sampler, optuna.samplers.TPESampler)


def test_the_pruner_settings_are_the_m09_tuning_solutions() -> None:
    from airoadmap.curriculum.loader import exercise_dir

    source = (exercise_dir("m09-tuning") / "solution" / "tuning.py").read_text(encoding="utf-8")
    assert f"\nPRUNER_STARTUP_TRIALS = {tuning.PRUNER_STARTUP_TRIALS}\n" in source
    assert f"\nPRUNER_WARMUP_EPOCHS = {tuning.PRUNER_WARMUP_EPOCHS}\n" in source


# --- a whole run -----------------------------------------------------------------------------


@pytest.fixture()
def tiny(monkeypatch: pytest.MonkeyPatch) -> ImageData:
    data = synthetic(256, 100)
    monkeypatch.setattr(project, "SETTINGS", TINY)
    monkeypatch.setattr(project, "RECIPE_CHANGES", {"epochs": 1, "batch_size": 64})
    monkeypatch.setattr(project, "load_images", lambda name: data)
    # float32 on one thread: bfloat16 kernels take longer to set up than a tiny run trains.
    choice = DeviceChoice("cpu", "test CPU", 1, "fp32")
    monkeypatch.setattr(project, "choose_device", lambda device: choice)
    return data


def _accuracy(logits: np.ndarray, labels: np.ndarray) -> float:
    return float((logits.argmax(1) == labels).mean())


def test_a_tiny_run_writes_its_artifacts_and_measures_what_it_says(
    tmp_path: Path, tiny: ImageData, monkeypatch: pytest.MonkeyPatch
) -> None:
    real = project.m09_compress()
    timed: list[int] = []

    def measure_latency(predict: Any, batch: np.ndarray, repeats: int = 20) -> float:
        timed.append(len(batch))
        return float(real.measure_latency(predict, batch, repeats))

    fake = SimpleNamespace(
        model_size_bytes=real.model_size_bytes, quantize=real.quantize,
        measure_latency=measure_latency,
    )  # fmt: skip
    monkeypatch.setattr(project, "m09_compress", lambda: fake)
    stages: list[str] = []
    with listening(stages.append):
        metrics = project.run(tmp_path)

    assert (tmp_path / "benchmark.png").read_bytes()[:8] == PNG_SIGNATURE
    rows = metrics["variants"]
    assert len(rows) == 7 and timed == [1, 256] * 7  # a full batch of 256 from 100 images

    sol = project.m07()
    mean, std = sol.channel_stats(tiny.train_images)
    x = sol.normalize(tiny.test_images, mean, std).numpy()
    month7 = sol.make_model(1, 10)
    month7.load_state_dict(torch.load(tmp_path / "month7.pt"))
    with torch.no_grad():
        assert rows[0]["accuracy"] == _accuracy(
            month7.eval()(torch.from_numpy(x)).numpy(), tiny.test_labels
        )
    buffer = io.BytesIO()
    torch.save(month7.state_dict(), buffer)
    assert rows[0]["size_bytes"] == buffer.getbuffer().nbytes

    shipped = tmp_path / "model.onnx"
    session = ort.InferenceSession(str(shipped), providers=["CPUExecutionProvider"])
    assert rows[-1]["size_bytes"] == shipped.stat().st_size
    assert rows[-1]["accuracy"] == _accuracy(session.run(None, {"images": x})[0], tiny.test_labels)
    graph = onnx.load(str(shipped)).graph
    ops = {node.op_type for node in graph.node}
    assert {"QuantizeLinear", "DequantizeLinear", "Conv", "Gemm"} <= ops
    assert "BatchNormalization" not in ops  # folded
    # Every Conv and Gemm weight is stored as int8, dequantized on the way in.
    weights = {i.name: i for i in graph.initializer}
    made_by = {out: node for node in graph.node for out in node.output}
    stored = []
    for node in graph.node:
        if node.op_type in ("Conv", "Gemm"):
            dequantize = made_by[node.input[1]]
            assert dequantize.op_type == "DequantizeLinear"
            tensor = weights[dequantize.input[0]]
            assert tensor.data_type == onnx.TensorProto.INT8
            stored.append(list(tensor.dims))
    keep = TINY.keep_channels
    assert stored == [[16, 1, 3, 3], [keep, 16, 3, 3], [10, keep * 49]]

    assert metrics["size_ratio"] == pytest.approx(rows[0]["size_bytes"] / rows[-1]["size_bytes"])
    assert metrics["speedup_batch_1"] == pytest.approx(
        rows[0]["latency_1_s"] / rows[-1]["latency_1_s"]
    )
    drop = rows[0]["accuracy"] - rows[-1]["accuracy"]
    assert metrics["accuracy_drop_points"] == pytest.approx(100 * drop)
    goal = metrics["goal"]
    assert goal["size_met"] == (metrics["size_ratio"] >= project.GOAL_SIZE_RATIO)
    assert goal["speed_met"] == (metrics["speedup_batch_1"] >= project.GOAL_SPEEDUP)
    assert goal["accuracy_met"] == (drop <= project.GOAL_ACCURACY_DROP)
    assert goal["met"] == (goal["size_met"] and goal["speed_met"] and goal["accuracy_met"])

    study = optuna.load_study(
        study_name=project.STUDY, storage=f"sqlite:///{tmp_path / 'study.db'}"
    )
    assert len(study.trials) == len(metrics["tuning"]["trials"]) == 2
    first = study.trials[0].params
    assert first == {"lr": 0.02, "weight_decay": 0.05, "label_smoothing": 0.1}  # month 7's
    assert metrics["tuning"]["best_value"] == study.best_value
    assert metrics["tuned"]["lr"] == study.best_params["lr"]

    report = (tmp_path / "report.md").read_text(encoding="utf-8")
    assert f"test accuracy {rows[-1]['accuracy']:.4f}**" in report
    assert ("**met**" in report) == goal["met"]
    card = (tmp_path / "model_card.md").read_text(encoding="utf-8")
    assert f"{rows[-1]['size_bytes']:,} bytes" in card
    assert any(s.startswith("tuning: 2 trials in 1 worker processes") for s in stages)
    assert "fine-tuning the pruned net: epoch 1 of 1" in stages


def test_cuda_and_unknown_devices_are_refused_in_one_line(tmp_path: Path) -> None:
    with pytest.raises(AiroadmapError, match="measures its latency") as info:
        project.run(tmp_path, device="cuda")
    assert "\n" not in str(info.value) and "--device cpu" in str(info.value)
    with pytest.raises(AiroadmapError, match="use one of auto, cpu, cuda"):
        project.run(tmp_path, device="gpu")
    assert list(tmp_path.iterdir()) == []


def test_the_mixed_precision_rows_run_the_float_nets_in_bfloat16() -> None:
    """The GPU column's code, run on the CPU (autocast to bfloat16 works there too): half the
    bytes of float32 weights, both batch sizes timed, the float net's predictions kept."""
    net = trained_bn_net()
    x = np.random.default_rng(0).normal(size=(300, 1, 28, 28)).astype(np.float32)
    with torch.no_grad():
        float_logits = net(torch.from_numpy(x)).numpy()
    y = float_logits.argmax(1)
    compress = project.m09_compress()
    timed: list[int] = []

    def measure_latency(predict: Any, batch: np.ndarray, repeats: int = 20) -> float:
        timed.append(len(batch))
        return float(compress.measure_latency(predict, batch, repeats))

    fake: Any = SimpleNamespace(
        model_size_bytes=compress.model_size_bytes, measure_latency=measure_latency
    )
    rows = project._mixed_precision_rows(
        [("net", net)], x, y, (3, 2), fake, device=torch.device("cpu")
    )
    assert [(r["variant"], r["format"]) for r in rows] == [("net, bf16 autocast", "torch cpu")]
    weights = sum(t.numel() for t in net.state_dict().values() if t.is_floating_point())
    float_size = compress.model_size_bytes(net)
    assert float_size - rows[0]["size_bytes"] >= 2 * weights - 4096  # 4 bytes -> 2 a weight
    assert timed == [1, 256] and rows[0]["latency_1_s"] > 0 and rows[0]["latency_256_s"] > 0
    assert rows[0]["accuracy"] >= 0.9  # agreement with the float32 net's own predictions


def test_without_a_gpu_there_are_no_mixed_precision_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    x = np.zeros((4, 1, 28, 28), dtype=np.float32)
    rows = project._mixed_precision_rows(
        [("net", trained_bn_net())], x, np.zeros(4, dtype=np.int64), (1, 1), project.m09_compress()
    )
    assert rows == []
