"""`airoadmap run m09-optimize`: the month-7 CNN tuned, retrained, compressed and shipped.

1. Load Fashion-MNIST; standardise with the training images' statistics (m07-cnn's
   `channel_stats` and `normalize`).
2. Train the month-7 float model: the m07-cnn solution with the recipe of `run m07-cnn`.
3. Tune: Optuna (a study as the m09-tuning solution's: TPE, median pruner) searches the peak
   learning rate, weight decay and label smoothing of the same training. Two worker processes
   run trials of ONE study kept in an SQLite file (study.db); each trial trains on a subset
   of the training images and is judged on other training images held out as validation
   images. The month-7 settings are the study's first trial. The test images stay out.
4. Retrain on all training images with the best settings, as many epochs as the recipe.
5. Compress: keep the most important channels of the last convolution block (structured
   pruning) and fine-tune; fold batch norm into the convolutions; export to ONNX; quantize to
   int8 with onnxruntime's static quantization (QDQ), calibrated on training images (torch's
   dynamic quantization covers only nn.Linear: it is benchmarked beside, on the month-7 net).
6. Benchmark every variant on one thread: size on disk, median latency of a batch of 1 and
   of 256 test images, accuracy on the whole test set. The goal compares the shipped model
   (model.onnx) with the month-7 float model.

Writes benchmark.png, model.onnx (shipped), model_float.onnx, month7_int8.onnx, month7.pt,
retrained.pt, study.db, model_card.md, report.md; returns the metrics (metrics.json).
"""

from __future__ import annotations

import copy
import dataclasses
import importlib.metadata
import time
from collections.abc import Callable
from concurrent.futures import wait
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import onnxruntime as ort
import optuna
import torch
from torch import nn

from airoadmap.errors import AiroadmapError
from airoadmap.lab.cnn.data import ImageData, load_images
from airoadmap.lab.cnn.device import DeviceChoice, autocast, choose_device, threads, torch_threads
from airoadmap.lab.cnn.project import RECIPES
from airoadmap.lab.figures import DPI, pyplot
from airoadmap.lab.optimize import compression, tuning
from airoadmap.lab.reference import reference_module
from airoadmap.lab.stages import stage

DATA = "fashion-mnist"
STUDY = "m07-cnn-training"
M7 = "month-7"  # the model the goal compares with: the m07-cnn solution, trained as in month 7
LATENCY_THREADS = 1
BATCHES = (1, 256)  # the batch sizes timed

# Goal of `run m09-optimize` (issue: month 9): the shipped model against the month-7 float
# model, on CPU with one thread.
GOAL_SIZE_RATIO = 4.0  # at least this many times smaller
GOAL_SPEEDUP = 3.0  # at least this many times faster at batch 1
GOAL_ACCURACY_DROP = 0.005  # at most this much lower test accuracy (half a point)


@dataclass(frozen=True)
class Settings:
    """The budgets of a run (tests put tiny ones in `SETTINGS`)."""

    tune_train: int = 10_000  # training images each trial trains on
    tune_val: int = 5_000  # training images held out as validation images
    tune_epochs: int = 3
    workers: int = 2  # processes sharing the study (1: the trials run in this process)
    trials_per_worker: int = 4
    # Of the last block's 32 channels: the most that leave the int8 file at least
    # GOAL_SIZE_RATIO times smaller than the month-7 float model (the size depends only on
    # the shapes: 28 gave 4.13x, 32 gave 3.67x when this was written), so the least pruning.
    keep_channels: int = 28
    finetune_epochs: int = 2
    finetune_lr: float = 0.002
    calibration_images: int = 1_000
    repeats: tuple[int, int] = (200, 20)  # timed calls per batch size of BATCHES
    seed: int = 0


SETTINGS = Settings()
# TrainConfig fields that differ from the m07 recipe (none: tests shorten it here).
RECIPE_CHANGES: dict[str, Any] = {}

Predict = Callable[[np.ndarray], np.ndarray]


def m07() -> ModuleType:
    """The m07-cnn reference solution (model, training, normalisation)."""
    return reference_module("m07-cnn", "cnn")


def m09_compress() -> ModuleType:
    """The m09-compress reference solution (size, latency, torch dynamic quantization)."""
    return reference_module("m09-compress", "compress")


def run(run_dir: Path, *, device: str = "auto") -> dict[str, Any]:
    """Tune, retrain, compress and benchmark the m07-cnn net; artifacts go to `run_dir`."""
    if device not in ("auto", "cpu", "cuda"):
        raise AiroadmapError(f"--device {device!r} is not a device: use one of auto, cpu, cuda.")
    if device == "cuda":
        raise AiroadmapError(
            "--device cuda: m09-optimize ships a model for the CPU and measures its latency "
            "there; use --device cpu or auto."
        )
    choice = choose_device("cpu")
    stage(f"loading {DATA}")
    images = load_images(DATA)
    return _run(run_dir, images, choice, SETTINGS)


def _run(run_dir: Path, images: ImageData, choice: DeviceChoice, s: Settings) -> dict[str, Any]:
    sol = m07()
    mean, std = sol.channel_stats(images.train_images)
    train_x = sol.normalize(images.train_images, mean, std)
    train_y = torch.from_numpy(np.asarray(images.train_labels, dtype=np.int64))
    test_x = sol.normalize(images.test_images, mean, std).numpy()
    test_y = np.asarray(images.test_labels, dtype=np.int64)
    n_classes = len(images.classes)
    recipe = dataclasses.replace(
        sol.TrainConfig(), **{**RECIPES[DATA].train, **RECIPE_CHANGES, "seed": s.seed}
    )

    def fit(model: nn.Module, config: Any, what: str) -> float:
        def on_epoch(epoch: int, record: dict[str, float]) -> None:
            if epoch < config.epochs:
                stage(f"{what}: epoch {epoch + 1} of {config.epochs} (loss {record['loss']:.3f})")

        stage(f"{what}: epoch 1 of {config.epochs}")
        started = time.perf_counter()
        with torch_threads(choice.threads), autocast(choice):
            sol.train(model, train_x, train_y, config, on_epoch=on_epoch)
        return time.perf_counter() - started

    torch.manual_seed(s.seed)
    month7 = sol.make_model(images.channels, n_classes)
    month7_seconds = fit(month7, recipe, f"training the {M7} float model")
    torch.save(month7.state_dict(), run_dir / "month7.pt")

    study = _tune(run_dir, images, mean, std, recipe, s)
    best = dict(study.best_params)
    tuned = dataclasses.replace(recipe, **best)
    torch.manual_seed(s.seed)
    retrained = sol.make_model(images.channels, n_classes)
    retrained_seconds = fit(retrained, tuned, "retraining with the best settings")
    torch.save(retrained.state_dict(), run_dir / "retrained.pt")

    stage(f"pruning the last block to {s.keep_channels} channels")
    pruned = compression.prune_channels(retrained, s.keep_channels)
    finetune = dataclasses.replace(tuned, epochs=s.finetune_epochs, lr=s.finetune_lr)
    finetune_seconds = fit(pruned, finetune, "fine-tuning the pruned net")

    stage("folding batch norm, exporting to ONNX, quantizing to int8")
    shape = (images.channels, *images.size)
    calibration = train_x[: s.calibration_images].numpy()
    files = {
        "float": run_dir / "model_float.onnx",
        "shipped": run_dir / "model.onnx",
        "month7_int8": run_dir / "month7_int8.onnx",
    }
    compression.export_onnx(compression.fold_batchnorm(pruned), files["float"], shape)
    compression.quantize_int8(files["float"], files["shipped"], calibration)
    with torch.no_grad():
        month7_onnx = run_dir / "month7_float.onnx"
        compression.export_onnx(compression.fold_batchnorm(month7), month7_onnx, shape)
    compression.quantize_int8(month7_onnx, files["month7_int8"], calibration)
    month7_onnx.unlink()

    compress = m09_compress()
    candidates: list[tuple[str, str, int, Predict]] = [
        (f"{M7} float", "torch", compress.model_size_bytes(month7), _torch_predict(month7)),
    ]
    dynamic = compress.quantize(month7)
    candidates.append(
        (f"{M7}, int8 Linear (torch dynamic)", "torch", compress.model_size_bytes(dynamic),
         _torch_predict(dynamic))
    )  # fmt: skip
    candidates.append(_onnx_candidate(f"{M7} int8", files["month7_int8"]))
    candidates.append(
        ("tuned float", "torch", compress.model_size_bytes(retrained), _torch_predict(retrained))
    )
    candidates.append(
        ("pruned float", "torch", compress.model_size_bytes(pruned), _torch_predict(pruned))
    )
    candidates.append(_onnx_candidate("pruned float", files["float"]))
    candidates.append(_onnx_candidate("shipped: pruned int8", files["shipped"]))

    rows = []
    with torch_threads(LATENCY_THREADS):
        for name, fmt, size, predict in candidates:
            stage(f"benchmarking {name} ({fmt})")
            rows.append(_benchmark(name, fmt, size, predict, test_x, test_y, s.repeats, compress))

    metrics = _metrics(images, choice, s, recipe, tuned, study, rows)
    metrics["mixed_precision"] = _mixed_precision_rows(
        [(f"{M7} float", month7), ("pruned float", pruned)], test_x, test_y, s.repeats, compress
    )
    metrics["train_seconds"] = {
        "month7": month7_seconds,
        "retrained": retrained_seconds,
        "finetune": finetune_seconds,
    }
    metrics["pruning"] = {
        "keep": s.keep_channels,
        "of": compression.last_block_channels(retrained),
        "parameters_before": _parameters(retrained),
        "parameters_after": _parameters(pruned),
        "finetune": dataclasses.asdict(finetune),
    }
    metrics["architecture"] = str(compression.fold_batchnorm(pruned))
    metrics.update(classes=list(images.classes), image_shape=list(shape), mean=mean, std=std)
    stage("drawing the benchmark")
    _figure(rows, run_dir / "benchmark.png", metrics)
    stage("writing the model card and the report")
    (run_dir / "model_card.md").write_text(_model_card(metrics), encoding="utf-8")
    (run_dir / "report.md").write_text(_report(metrics), encoding="utf-8")
    return metrics


# --- tuning ----------------------------------------------------------------------------------


def _tune(
    run_dir: Path, images: ImageData, mean: list[float], std: list[float], recipe: Any,
    s: Settings,
) -> Any:  # fmt: skip
    """Run the study with `s.workers` processes; the study, loaded from study.db."""
    order = np.random.default_rng(s.seed).permutation(len(images.train_labels))
    val, sub = order[: s.tune_val], order[s.tune_val : s.tune_val + s.tune_train]
    data = tuning.TuneData(
        images.train_images[sub], images.train_labels[sub],
        images.train_images[val], images.train_labels[val], mean, std,
    )  # fmt: skip
    budget = tuning.TuneBudget(epochs=s.tune_epochs)
    storage = f"sqlite:///{(run_dir / 'study.db').resolve()}"
    optuna.logging.set_verbosity(optuna.logging.WARNING)
    study = tuning.create_study(storage, STUDY, seed=s.seed)
    # The month-7 settings first: the best trial is at least as good as them on this budget.
    study.enqueue_trial({k: getattr(recipe, k) for k in ("lr", "weight_decay", "label_smoothing")})
    total = s.workers * s.trials_per_worker
    what = f"tuning: {total} trials in {s.workers} worker processes on one SQLite study"
    stage(what)
    if s.workers == 1:
        tuning.tune_worker(storage, STUDY, s.trials_per_worker, s.seed, data, budget)
        return study
    executor, futures = tuning.start_workers(
        storage, STUDY, [s.trials_per_worker] * s.workers, s.seed, data, budget
    )
    with executor:
        shown = 0
        while wait(futures, timeout=2.0).not_done:
            done = sum(t.state.is_finished() for t in study.trials)
            if done != shown:
                stage(f"{what} ({done} finished)")
                shown = done
        for future in futures:
            future.result()  # a worker's error stops the run here
    return study


# --- benchmark -------------------------------------------------------------------------------


def _torch_predict(model: nn.Module) -> Predict:
    model.eval()

    def predict(inputs: np.ndarray) -> np.ndarray:
        with torch.no_grad():
            return model(torch.from_numpy(inputs)).numpy()

    return predict


def _autocast_predict(model: nn.Module, device: torch.device, dtype: torch.dtype) -> Predict:
    """A copy of `model` on `device`, run under autocast to `dtype`; logits back as float32."""
    net = copy.deepcopy(model).to(device).eval()

    def predict(inputs: np.ndarray) -> np.ndarray:
        with torch.no_grad(), torch.autocast(device.type, dtype=dtype):
            logits = net(torch.from_numpy(inputs).to(device))
        return logits.float().cpu().numpy()  # .cpu() waits for the GPU: the timing is whole

    return predict


def _mixed_precision_rows(
    nets: list[tuple[str, nn.Module]], x: np.ndarray, y: np.ndarray, repeats: tuple[int, int],
    compress: ModuleType, device: torch.device | None = None,
) -> list[dict[str, Any]]:  # fmt: skip
    """Where a CUDA GPU is present (or `device` is given): each float net on it under bfloat16
    autocast, as a benchmark row (size of its weights in bfloat16); none without a GPU."""
    if device is None:
        if not torch.cuda.is_available():
            return []
        device = torch.device("cuda")
    stage(f"benchmarking the float nets in bfloat16 on {device.type}")
    rows = []
    for name, net in nets:
        size = compress.model_size_bytes(copy.deepcopy(net).to(torch.bfloat16))
        predict = _autocast_predict(net, device, torch.bfloat16)
        variant, fmt = f"{name}, bf16 autocast", f"torch {device.type}"
        rows.append(_benchmark(variant, fmt, size, predict, x, y, repeats, compress))
    return rows


def _onnx_candidate(name: str, path: Path) -> tuple[str, str, int, Predict]:
    options = ort.SessionOptions()
    options.intra_op_num_threads = LATENCY_THREADS
    options.inter_op_num_threads = 1
    session = ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])

    def predict(inputs: np.ndarray) -> np.ndarray:
        return np.asarray(session.run(None, {compression.INPUT_NAME: inputs})[0])

    return name, "ONNX", path.stat().st_size, predict


def _benchmark(
    name: str, fmt: str, size: int, predict: Predict, x: np.ndarray, y: np.ndarray,
    repeats: tuple[int, int], compress: ModuleType,
) -> dict[str, Any]:  # fmt: skip
    """Size, median latency per batch size of BATCHES, and accuracy on all of (x, y)."""
    predicted = np.concatenate([predict(x[i : i + 1000]).argmax(1) for i in range(0, len(x), 1000)])
    row: dict[str, Any] = {"variant": name, "format": fmt, "size_bytes": size}
    for batch, n in zip(BATCHES, repeats, strict=True):
        inputs = x[np.arange(batch) % len(x)]  # a full batch even from fewer images
        row[f"latency_{batch}_s"] = compress.measure_latency(predict, inputs, n)
    row["accuracy"] = float((predicted == y).mean())
    return row


def _parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())


def _version(package: str) -> str:
    try:
        return importlib.metadata.version(package)
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


def _metrics(
    images: ImageData, choice: DeviceChoice, s: Settings, recipe: Any, tuned: Any, study: Any,
    rows: list[dict[str, Any]],
) -> dict[str, Any]:  # fmt: skip
    month7, shipped = rows[0], rows[-1]
    size_ratio = month7["size_bytes"] / shipped["size_bytes"]
    speedups = {b: month7[f"latency_{b}_s"] / shipped[f"latency_{b}_s"] for b in BATCHES}
    drop = month7["accuracy"] - shipped["accuracy"]
    goal = {
        "size_ratio": GOAL_SIZE_RATIO,
        "speedup_batch_1": GOAL_SPEEDUP,
        "accuracy_drop": GOAL_ACCURACY_DROP,
        "size_met": size_ratio >= GOAL_SIZE_RATIO,
        "speed_met": speedups[BATCHES[0]] >= GOAL_SPEEDUP,
        "accuracy_met": drop <= GOAL_ACCURACY_DROP,
    }
    goal["met"] = goal["size_met"] and goal["speed_met"] and goal["accuracy_met"]
    trials = tuning.trial_rows(study)
    return {
        "data": images.name,
        "train_images": len(images.train_labels),
        "test_images": len(images.test_labels),
        "shipped_accuracy": shipped["accuracy"],
        "month7_accuracy": month7["accuracy"],
        "size_ratio": size_ratio,
        "speedup_batch_1": speedups[BATCHES[0]],
        "speedup_batch_256": speedups[BATCHES[-1]],
        "accuracy_drop_points": 100 * drop,
        "goal": goal,
        "variants": rows,
        "tuning": {
            "storage": "study.db",
            "study": STUDY,
            "workers": s.workers,
            "trials": trials,
            "finished": sum(t["state"] == "COMPLETE" for t in trials),
            "pruned": sum(t["state"] == "PRUNED" for t in trials),
            "best_params": dict(study.best_params),
            "best_value": float(study.best_value),
            "subset_images": s.tune_train,
            "validation_images": s.tune_val,
            "epochs": s.tune_epochs,
        },
        "recipe": dataclasses.asdict(recipe),
        "tuned": dataclasses.asdict(tuned),
        "calibration_images": s.calibration_images,
        "batches": list(BATCHES),
        "repeats": list(s.repeats),
        "latency_threads": LATENCY_THREADS,
        "train_threads": choice.threads,
        "precision": choice.precision,
        "device_name": choice.name,
        "torch": torch.__version__,
        "onnxruntime": ort.__version__,
        "optuna": _version("optuna"),
        "onnx_opset": compression.ONNX_OPSET,
    }


# --- figure, report, model card --------------------------------------------------------------


def _label(row: dict[str, Any]) -> str:
    return f"{row['variant']} ({row['format']})"


def _figure(rows: list[dict[str, Any]], path: Path, metrics: dict[str, Any]) -> Path:
    """Four panels, a bar per variant: size, latency at each batch size, test accuracy; the
    goal's limits drawn where they apply (dashed)."""
    plt = pyplot()
    month7 = rows[0]
    labels = [_label(r) for r in rows][::-1]
    colours = ["C3" if i == 0 else ("C2" if i == len(rows) - 1 else "C0") for i in range(len(rows))]
    colours = colours[::-1]
    fig, axes = plt.subplots(1, 4, figsize=(17, 0.5 * len(rows) + 2.2), sharey=True)
    b1, bn = (f"latency_{b}_s" for b in (BATCHES[0], BATCHES[-1]))
    panels = [
        ("size (KB)", [r["size_bytes"] / 1e3 for r in rows], month7["size_bytes"] / 1e3),
        (f"latency, batch {BATCHES[0]} (µs)", [r[b1] * 1e6 for r in rows], month7[b1] * 1e6),
        (f"latency, batch {BATCHES[-1]} (ms)", [r[bn] * 1e3 for r in rows], None),
        ("test accuracy", [r["accuracy"] for r in rows], month7["accuracy"]),
    ]
    limits = [
        lambda v: v / GOAL_SIZE_RATIO,
        lambda v: v / GOAL_SPEEDUP,
        None,
        lambda v: v - GOAL_ACCURACY_DROP,
    ]
    for ax, (title, values, base), limit in zip(axes, panels, limits, strict=True):
        shown = values[::-1]
        ax.barh(labels, shown, color=colours)
        for k, v in enumerate(shown):
            ax.text(v, k, f" {v:.4g}", va="center", fontsize=8)
        if limit is not None and base is not None:
            ax.axvline(limit(base), color="k", linestyle="--", linewidth=1, label="goal")
            ax.legend(fontsize=8, loc="lower right")
        ax.set_title(title)
        ax.grid(axis="x", alpha=0.3)
    accuracies = [r["accuracy"] for r in rows]
    axes[3].set_xlim(min(accuracies) - 0.02, min(1.0, max(accuracies) + 0.01))
    verdict = "met" if metrics["goal"]["met"] else "not met"
    fig.suptitle(
        f"Fashion-MNIST CNN, {metrics['latency_threads']} CPU thread: shipped "
        f"{metrics['size_ratio']:.2f}x smaller, {metrics['speedup_batch_1']:.2f}x faster at "
        f"batch {BATCHES[0]}, accuracy {-metrics['accuracy_drop_points']:+.2f} points "
        f"(goal {verdict})"
    )
    fig.tight_layout()
    fig.savefig(path, dpi=DPI)
    plt.close(fig)
    return path


def _table(rows: list[dict[str, Any]]) -> str:
    b1, bn = BATCHES[0], BATCHES[-1]
    lines = [
        f"| variant | format | size (bytes) | latency batch {b1} (µs) | latency batch {bn} (ms) "
        "| test accuracy |",
        "|---|---|---|---|---|---|",
    ]
    for r in rows:
        lines.append(
            f"| {r['variant']} | {r['format']} | {r['size_bytes']:,} | "
            f"{r[f'latency_{b1}_s'] * 1e6:.1f} | {r[f'latency_{bn}_s'] * 1e3:.2f} | "
            f"{r['accuracy']:.4f} |"
        )
    return "\n".join(lines) + "\n"


def _goal_line(m: dict[str, Any]) -> str:
    g = m["goal"]

    def mark(ok: bool) -> str:
        return "met" if ok else "not met"

    return (
        f"Goal: the shipped model at least {g['size_ratio']:g}x smaller "
        f"({mark(g['size_met'])}: {m['size_ratio']:.2f}x), at least {g['speedup_batch_1']:g}x "
        f"faster at batch {BATCHES[0]} on {threads(m['latency_threads'])} "
        f"({mark(g['speed_met'])}: {m['speedup_batch_1']:.2f}x), and within "
        f"{100 * g['accuracy_drop']:g} points of the {M7} float model's test accuracy "
        f"({mark(g['accuracy_met'])}: {-m['accuracy_drop_points']:+.2f} points): "
        f"**{'met' if g['met'] else 'not met'}**."
    )


def _tuning_table(m: dict[str, Any]) -> str:
    lines = [
        "| trial | state | validation accuracy | lr | weight decay | label smoothing |",
        "|---|---|---|---|---|---|",
    ]
    for t in m["tuning"]["trials"]:
        p = t["params"]
        value = f"{t['value']:.4f}" if t["value"] is not None else "—"
        names = ("lr", "weight_decay", "label_smoothing")
        cells = [f"{p[k]:.4g}" if k in p else "—" for k in names]
        lines.append(f"| {t['number']} | {t['state'].lower()} | {value} | {' | '.join(cells)} |")
    return "\n".join(lines) + "\n"


def _int8_line(m: dict[str, Any]) -> str:
    """How the int8 file's latency compares with the float ONNX file of the same net."""
    by_name = {(r["variant"], r["format"]): r for r in m["variants"]}
    shipped, float_onnx = m["variants"][-1], by_name[("pruned float", "ONNX")]
    parts = []
    for batch in BATCHES:
        key = f"latency_{batch}_s"
        ratio = shipped[key] / float_onnx[key]
        parts.append(f"{ratio:.2f}x the float file's time at batch {batch}")
    return f"The int8 file takes {' and '.join(parts)} on this CPU."


def _report(m: dict[str, Any]) -> str:
    t, p, r, tuned = m["tuning"], m["pruning"], m["recipe"], m["tuned"]
    seconds = m["train_seconds"]
    shipped, month7 = m["variants"][-1], m["variants"][0]
    key = f"latency_{BATCHES[0]}_s"
    return f"""# Fashion-MNIST CNN: tuned, pruned, quantized, shipped as ONNX

**Shipped model `model.onnx`: {shipped["size_bytes"]:,} bytes, {shipped[key] * 1e6:.1f} µs
per image at batch {BATCHES[0]}, test accuracy {shipped["accuracy"]:.4f}**, against the {M7}
float model's {month7["size_bytes"]:,} bytes, {month7[key] * 1e6:.1f} µs and
{month7["accuracy"]:.4f} ({m["test_images"]:,} test images; latency on
{threads(m["latency_threads"])} of {m["device_name"]}; torch {m["torch"]}, onnxruntime
{m["onnxruntime"]}, optuna {m["optuna"]}).

{_goal_line(m)}

![benchmark](benchmark.png)

{_table(m["variants"])}
Sizes: `torch.save` of the state dict for torch models, the file for ONNX. Latency: the
median of {m["repeats"][0]} calls at batch {BATCHES[0]} and {m["repeats"][-1]} at batch
{BATCHES[-1]}, after a warm-up call. Accuracy: every test image, scored once at the end.

## The path

- **The {M7} float model**: the m07-cnn solution trained with the recipe of `run m07-cnn`
   ({r["epochs"]} epochs, peak learning rate {r["lr"]:g}, weight decay {r["weight_decay"]:g},
   label smoothing {r["label_smoothing"]:g}) in {seconds["month7"]:.1f} s on
   {threads(m["train_threads"])} ({m["precision"]}).
- **Tuning**: {len(t["trials"])} trials of one Optuna study (TPE sampler, median pruner) in
   `{t["storage"]}`, run by {t["workers"]} worker processes at once; each trial trained
   {t["epochs"]} epochs on {t["subset_images"]:,} training images and was judged on
   {t["validation_images"]:,} other training images (the test images stay out of tuning).
   The {M7} settings were the first trial. {t["finished"]} finished, {t["pruned"]} pruned;
   best validation accuracy {t["best_value"]:.4f}.

{_tuning_table(m)}
- **Retraining** on all {m["train_images"]:,} training images with the best settings (peak
   learning rate {tuned["lr"]:.4g}, weight decay {tuned["weight_decay"]:.4g}, label smoothing
   {tuned["label_smoothing"]:.4g}), {tuned["epochs"]} epochs, {seconds["retrained"]:.1f} s.
- **Pruning**: the last convolution block keeps its {p["keep"]} most important channels of
   {p["of"]} (filter L1 norm times the batch-norm scale); the linear layer loses those
   channels' inputs. {p["parameters_before"]:,} parameters become {p["parameters_after"]:,};
   fine-tuned {p["finetune"]["epochs"]} epochs at a peak learning rate of
   {p["finetune"]["lr"]:g} ({seconds["finetune"]:.1f} s).
- **Folding and export**: batch norm folded into the convolutions (it follows the max
   pooling, which a positive scale passes through), exported to ONNX (opset {m["onnx_opset"]}).
- **int8**: onnxruntime's static quantization, weights per channel, activation ranges
   calibrated on {m["calibration_images"]:,} training images, in the QDQ format
   (QuantizeLinear and DequantizeLinear around Conv, MaxPool and Gemm, fused into int8
   kernels by onnxruntime when it loads the file); names shortened. torch's dynamic
   quantization quantizes only the Linear layer (its row above): the convolutions stay float.

Speed-up at batch {BATCHES[-1]}: {m["speedup_batch_256"]:.2f}x. The rows tell the parts apart:
the runtime (torch against onnxruntime on the same float net), the pruning and the int8 weights.
{_int8_line(m)}
{_mixed_precision_section(m)}
See `model_card.md` for what the shipped model is for and where it fails.
"""


def _mixed_precision_section(m: dict[str, Any]) -> str:
    """The GPU rows (bfloat16 autocast) where the run had a GPU; one line saying so otherwise."""
    rows = m.get("mixed_precision", [])
    if not rows:
        return (
            "No CUDA GPU was present: no mixed-precision rows (on a machine with one, the run "
            "adds the float nets in bfloat16 on the GPU).\n"
        )
    return "## On the GPU: mixed precision (bfloat16 autocast)\n\n" + _table(rows)


def _model_card(m: dict[str, Any]) -> str:
    shipped, month7 = m["variants"][-1], m["variants"][0]
    return f"""# Model card: Fashion-MNIST CNN, pruned and quantized to int8 (ONNX)

## Model
The m07-cnn net, trained with tuned settings, its last convolution block pruned to
{m["pruning"]["keep"]} channels and fine-tuned, batch norm folded, quantized to int8 by
onnxruntime's static quantization. {m["pruning"]["parameters_after"]:,} parameters;
`model.onnx`, {shipped["size_bytes"]:,} bytes. Input "images": float32 (batch,
{", ".join(map(str, m["image_shape"]))}), pixels scaled to [0, 1] and standardised with the
training images' mean {_numbers(m["mean"])} and standard deviation {_numbers(m["std"])};
output "logits" for the {len(m["classes"])} classes ({", ".join(m["classes"])}).

## Architecture (before quantization)
```
{m["architecture"]}
```

## Intended use
Learning material of the airoadmap roadmap: how a trained net is tuned, compressed and
shipped for a CPU. Not for any decision about people or goods.

## Data
Fashion-MNIST: {m["train_images"]:,} training images (tuning, retraining, fine-tuning and
calibration use only them) and {m["test_images"]:,} test images, scored once at the end.

## Performance (official test split, {threads(m["latency_threads"])})
- test accuracy {shipped["accuracy"]:.4f} ({M7} float model {month7["accuracy"]:.4f})
- latency {shipped[f"latency_{BATCHES[0]}_s"] * 1e6:.1f} µs at batch {BATCHES[0]},
  {shipped[f"latency_{BATCHES[-1]}_s"] * 1e3:.2f} ms at batch {BATCHES[-1]}
- {m["size_ratio"]:.2f}x smaller and {m["speedup_batch_1"]:.2f}x faster at batch {BATCHES[0]}
  than the {M7} float model

## Limitations
- Only images like Fashion-MNIST's: {"x".join(map(str, m["image_shape"][1:]))} greyscale,
  centred, one object on a plain background, standardised as above.
- Latency was measured on {m["device_name"]}: another CPU, more threads or another
  onnxruntime version change it. int8 kernels differ between CPUs.
- The number of channels kept was chosen when the project was written; the tuning saw only
  training images; one seed, one run.
"""


def _numbers(values: list[float]) -> str:
    return ", ".join(f"{v:.4f}" for v in values)
