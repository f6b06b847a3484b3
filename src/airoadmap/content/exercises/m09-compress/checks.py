"""Checks of m09-compress: quantization, pruning and ONNX export, judged by their results.

The checks train one small float model themselves (a 784-128-10 MLP on 4,000 Fashion-MNIST
training images, seeded, about 1.5 s on one core) and hand it to the learner's functions,
with 1,000 test images to score on. Every figure the learner reports is recomputed here:
sizes by serialising the returned models, accuracies by running them, sparsity by counting
zeros, ONNX outputs by loading the exported file with onnxruntime in a fresh Python process
that has neither torch nor the learner's code. Latencies cannot be recomputed exactly, so the
checks time the same calls themselves and compare orders of magnitude.
"""

from __future__ import annotations

import copy
import io
import math
import statistics
import subprocess
import sys
import textwrap
import time
import warnings
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from airoadmap.errors import DatasetError, GradingError
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_at_least,
    expect_at_most,
    expect_close,
    expect_raises,
    fail,
    short,
)
from airoadmap.grading.kit.modelcheck import once

try:
    import torch
    from torch import nn
except ImportError as exc:  # pragma: no cover - torch is a dependency of the month
    raise GradingError("m09-compress's checks need torch: pip install torch==2.13.0") from exc

MODULE = "compress"
DATASET = "fashion-mnist"
FEATURES, HIDDEN, CLASSES = 784, 128, 10
TRAIN_IMAGES, TEST_IMAGES = 4000, 1000
EPOCHS, BATCH, LR, SEED = 4, 64, 1e-3, 0
# The int8 model must be at least this many times smaller than the float one ...
MIN_SHRINK = 3.0
# ... and lose at most this much test accuracy (1 point).
MAX_ACCURACY_LOSS = 0.01
# ONNX Runtime and torch add in another order: float32 rounding only.
ONNX_ATOL = 1e-4
# Pruning amounts the checks ask for, and the slack on a reported sparsity (one weight in ten
# thousand: rounding of amount x weights).
PRUNE_AMOUNTS = (0.3, 0.7)
CURVE_AMOUNTS = (0.0, 0.5, 0.9)
SPARSITY_ATOL = 1e-4
# Two correct prunings may break ties between equal weights differently.
ACCURACY_ATOL = 0.003
# measure_latency on a call that sleeps this long must say at least this long, and less than
# LATENCY_FACTOR times it; a reported latency must be within LATENCY_FACTOR of the checks'.
SLEEP_S = 0.002
LATENCY_REPEATS = 5
LATENCY_FACTOR = 20.0
VARIANTS = ("float", "int8", "pruned", "onnx")
# compare's latencies: each variant must be called on these batch sizes, at least MIN_CALLS
# times each (a warm-up, then at least one timed call), as the checks watch the calls.
TIMED_BATCHES = (1, 256)
MIN_CALLS = 2
# The modules of torch.ao.quantization.quantize_dynamic's layers: they mark the int8 variant.
QUANTIZED_MODULES = ("torch.ao.nn.quantized", "torch.nn.quantized")
ROW_KEYS = ("variant", "size_bytes", "latency_1_s", "latency_256_s", "accuracy")

Array = np.ndarray[Any, Any]


# --- the model and data the checks hand over ---------------------------------------------------


@cache
def _data() -> tuple[Array, Array, Array, Array]:
    """4,000 training and 1,000 test images as float32 pixels in [0, 1], with labels."""
    from airoadmap.datasets import load_arrays

    try:
        x_train, y_train = load_arrays(DATASET, split="train")
        x_test, y_test = load_arrays(DATASET, split="test")
    except DatasetError as exc:
        raise GradingError(f"m09-compress's checks need Fashion-MNIST: {exc}") from exc

    def pixels(x: Array, n: int) -> Array:
        return (x[:n].reshape(n, -1) / 255.0).astype(np.float32)

    return (
        pixels(x_train, TRAIN_IMAGES),
        y_train[:TRAIN_IMAGES].astype(np.int64),
        pixels(x_test, TEST_IMAGES),
        y_test[:TEST_IMAGES].astype(np.int64),
    )


@cache
def _trained() -> nn.Module:
    """The float model: a seeded 784-128-10 MLP trained with Adam (the checks' own loop)."""
    x, y, _, _ = _data()
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(SEED)
        model = nn.Sequential(nn.Linear(FEATURES, HIDDEN), nn.ReLU(), nn.Linear(HIDDEN, CLASSES))
        optimizer = torch.optim.Adam(model.parameters(), lr=LR)
        inputs, labels = torch.as_tensor(x), torch.as_tensor(y)
        order = torch.Generator().manual_seed(SEED)
        for _ in range(EPOCHS):
            for rows in torch.randperm(len(labels), generator=order).split(BATCH):
                optimizer.zero_grad()
                loss = nn.functional.cross_entropy(model(inputs[rows]), labels[rows])
                loss.backward()
                optimizer.step()
    return model.eval()


def _model() -> nn.Module:
    """A fresh copy of the trained model (a learner's function may change what it gets)."""
    return copy.deepcopy(_trained())


def _size(model: nn.Module) -> int:
    buffer = io.BytesIO()
    torch.save(model.state_dict(), buffer)
    return buffer.getbuffer().nbytes


@torch.no_grad()
def _logits(model: nn.Module, x: Array) -> Array:
    model.eval()
    return np.asarray(model(torch.as_tensor(x)).detach().numpy())


def _accuracy(model: nn.Module, x: Array, y: Array) -> float:
    return float((_logits(model, x).argmax(axis=1) == y).mean())


def _quantized(model: nn.Module) -> nn.Module:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(
            copy.deepcopy(model), {nn.Linear}, dtype=torch.qint8
        )


def _weights(model: nn.Module) -> list[torch.Tensor]:
    return [m.weight.detach() for m in model.modules() if isinstance(m, nn.Linear)]


def _zero_share(model: nn.Module) -> float:
    weights = _weights(model)
    return sum(int((w == 0).sum()) for w in weights) / sum(w.numel() for w in weights)


def _pruned(model: nn.Module, amount: float) -> nn.Module:
    """The checks' own global magnitude pruning: zero the smallest |w| over all layers."""
    pruned = copy.deepcopy(model)
    weights = _weights(pruned)
    flat = torch.cat([w.abs().flatten() for w in weights])
    k = round(amount * flat.numel())
    if k:
        threshold = flat.kthvalue(k).values
        with torch.no_grad():
            for w in weights:
                w[w.abs() <= threshold] = 0.0
    return pruned


def _same(a: nn.Module, b: nn.Module) -> bool:
    sa, sb = a.state_dict(), b.state_dict()
    return sa.keys() == sb.keys() and all(torch.equal(sa[k], sb[k]) for k in sa)


# --- calling the learner --------------------------------------------------------------------


def _function(ctx: Context, name: str) -> Callable[..., Any]:
    func = getattr(ctx.load(MODULE), name, None)
    if not callable(func):
        fail(f"{MODULE}.py defines no {name}: keep the names of the starter.")
    return func


def _returns_model(value: Any, call: str) -> nn.Module:
    if not isinstance(value, nn.Module):
        fail(f"{call} returned {short(value)}, not an nn.Module: return the new model.")
    return value


def _unchanged(original: nn.Module, given: nn.Module, call: str) -> None:
    expect(
        _same(original, given),
        f"{call} changed the model it was given: work on a copy (copy.deepcopy(model)), so "
        "the float model stays available for the other variants.",
    )


# --- the checks -------------------------------------------------------------------------------


@check("model_size_bytes and accuracy measure the model they are given", hint="measure")
def measuring(ctx: Context) -> None:
    _, _, x, y = _data()
    model = _model()
    size = _function(ctx, "model_size_bytes")(model)
    expect(
        isinstance(size, (int, np.integer)) and not isinstance(size, bool),
        f"model_size_bytes(model) returned {short(size)}: return a number of bytes (int).",
    )
    expected = _size(model)
    expect(
        abs(int(size) - expected) <= 0.05 * expected,
        f"model_size_bytes(<784-128-10 float MLP>) returned {size}; torch.save of its "
        f"state_dict writes {expected} bytes. Serialise the state_dict (torch.save to an "
        "io.BytesIO) and count the bytes: parameters and buffers, as stored on disk.",
    )
    got = _function(ctx, "accuracy")(model, x, y)
    expect_close(
        got,
        _accuracy(model, x, y),
        what="accuracy(model, <1,000 test images>, labels)",
        atol=1e-9,
        note="The share of images whose highest logit is the label, with the model in eval mode.",
    )


@check(
    f"quantize gives an int8 model at least {MIN_SHRINK:g}x smaller, losing at most "
    f"{MAX_ACCURACY_LOSS:.0%} of accuracy",
    hint="quantize",
)
def quantizing(ctx: Context) -> None:
    _, _, x, y = _data()
    model = _model()
    call = "quantize(<784-128-10 float MLP>)"
    quantized = _returns_model(_function(ctx, "quantize")(model), call)
    _unchanged(_trained(), model, call)
    before, after = _size(model), _size(quantized)
    shrink = before / after
    ctx.record("size_ratio", shrink)
    expect_at_least(
        ctx,
        f"{call}: how many times smaller its state_dict is ({before} -> {after} bytes)",
        shrink,
        MIN_SHRINK,
        note="Store the Linear weights as int8 (torch.ao.quantization.quantize_dynamic with "
        "{nn.Linear} and dtype=torch.qint8): one byte a weight instead of four.",
    )
    loss = _accuracy(model, x, y) - _accuracy(quantized, x, y)
    ctx.record("accuracy_loss_int8", loss)
    expect_at_most(
        ctx,
        f"{call}: test accuracy lost against the float model",
        loss,
        MAX_ACCURACY_LOSS,
        note="Quantize the trained model's own weights; dynamic quantization of a small MLP "
        "changes few predictions.",
    )


@check(
    "prune_global zeroes the stated share of weights, the smallest over all layers", hint="prune"
)
def pruning(ctx: Context) -> None:
    prune = _function(ctx, "prune_global")
    for amount in (1.0, -0.1):
        expect_raises(
            ValueError,
            prune,
            _model(),
            amount,
            call=f"prune_global(model, {amount})",
            mentions=("amount",),
        )
    for amount in PRUNE_AMOUNTS:
        model = _model()
        call = f"prune_global(model, {amount})"
        pruned = _returns_model(prune(model, amount), call)
        _unchanged(_trained(), model, call)
        keys = set(pruned.state_dict())
        expect(
            keys == set(model.state_dict()),
            f"{call} returned a model whose state_dict holds "
            f"{sorted(keys - set(model.state_dict()))}: make the pruning permanent "
            "(torch.nn.utils.prune.remove on each pruned weight), so no masks or copies remain.",
        )
        share = _zero_share(pruned)
        expect_close(
            share,
            amount,
            what=f"{call}: the share of Linear weights that are zero",
            atol=SPARSITY_ATOL,
            note="Prune all Linear weights together (prune.global_unstructured with "
            "prune.L1Unstructured), amount = the share to zero.",
        )
        original = _weights(model)
        kept = torch.cat([w[p != 0].abs() for w, p in zip(original, _weights(pruned), strict=True)])
        dropped = torch.cat(
            [w[p == 0].abs() for w, p in zip(original, _weights(pruned), strict=True)]
        )
        expect(
            all(
                torch.equal(w[p != 0], p[p != 0])
                for w, p in zip(original, _weights(pruned), strict=True)
            ),
            f"{call} changed weights it did not zero: pruning only zeroes weights.",
        )
        expect(
            len(kept) == 0 or len(dropped) == 0 or float(dropped.max()) <= float(kept.min()),
            f"{call} zeroed a weight of |w| = {float(dropped.max()):.4g} but kept one of "
            f"|w| = {float(kept.min()):.4g}: magnitude pruning zeroes the smallest weights "
            "over ALL layers together (global), not the same share of each layer.",
        )
        before = [m.bias for m in model.modules() if isinstance(m, nn.Linear)]
        after = [m.bias for m in pruned.modules() if isinstance(m, nn.Linear)]
        expect(
            all(torch.equal(a, b) for a, b in zip(after, before, strict=True)),
            f"{call} changed the biases: prune the weights only.",
        )


@check("sparsity counts the zero weights of the Linear layers", hint="prune")
def counting(ctx: Context) -> None:
    for amount in (0.0, 0.25, 0.6):
        model = _pruned(_model(), amount)
        expect_close(
            _function(ctx, "sparsity")(model),
            _zero_share(model),
            what=f"sparsity(<the MLP with {amount:.0%} of its weights zeroed>)",
            atol=1e-12,
            note="Zeros among the weights of every nn.Linear, divided by their number "
            "(biases do not count).",
        )


@check("the sparsity/accuracy curve reports what pruning at each amount really gives", hint="curve")
def curve(ctx: Context) -> None:
    _, _, x, y = _data()
    model = _model()
    call = f"sparsity_curve(model, {list(CURVE_AMOUNTS)}, <1,000 test images>, labels)"
    rows = _function(ctx, "sparsity_curve")(model, list(CURVE_AMOUNTS), x, y)
    _unchanged(_trained(), model, call)
    if not isinstance(rows, list) or len(rows) != len(CURVE_AMOUNTS):
        fail(f"{call} returned {short(rows)}: a list of one dict per amount.")
    for amount, row in zip(CURVE_AMOUNTS, rows, strict=True):
        if not isinstance(row, dict) or not {"amount", "sparsity", "accuracy"} <= row.keys():
            fail(f"{call}: row {short(row)} needs the keys amount, sparsity and accuracy.")
        expect_close(float(row["amount"]), amount, what=f"{call}: the row's amount", atol=1e-12)
        reference = _pruned(model, amount)
        expect_close(
            float(row["sparsity"]),
            _zero_share(reference),
            what=f"{call}: the sparsity at amount {amount}",
            atol=SPARSITY_ATOL,
            note="Measure the zeros of the pruned model (sparsity()), not the amount asked for.",
        )
        expect_close(
            float(row["accuracy"]),
            _accuracy(reference, x, y),
            what=f"{call}: the accuracy at amount {amount} (recomputed by pruning the same model)",
            atol=ACCURACY_ATOL,
            note="Prune a fresh copy of the float model at each amount (not the previous "
            "row's model) and score it on the images given.",
        )


_FRESH = textwrap.dedent(
    """
    import sys
    import numpy as np
    import onnxruntime as ort
    session = ort.InferenceSession(sys.argv[1], providers=["CPUExecutionProvider"])
    x = np.load(sys.argv[2])
    name = session.get_inputs()[0].name
    np.save(sys.argv[3], session.run(None, {name: x})[0])
    np.save(sys.argv[4], session.run(None, {name: x[:1]})[0])
    """
)


@check(
    "the ONNX export gives torch's outputs in onnxruntime, in a fresh process without torch",
    hint="onnx",
)
def onnx_export(ctx: Context) -> None:
    _, _, x, _ = _data()
    model = _model()
    batch = x[:7]
    expected = _logits(model, batch)
    with ctx.scratch() as folder:
        path = folder / "exported.onnx"
        call = f"export_onnx(model, {path.name!r}, {FEATURES})"
        _function(ctx, "export_onnx")(model, path, FEATURES)
        _unchanged(_trained(), model, call)
        if not path.is_file():
            fail(f"{call} wrote no file at the path it was given.")
        np.save(folder / "inputs.npy", batch)
        fresh = subprocess.run(
            [sys.executable, "-I", "-c", _FRESH, str(path), "inputs.npy", "out7.npy", "out1.npy"],
            cwd=folder,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        if fresh.returncode != 0:
            tail = fresh.stderr.strip().splitlines()[-1:] or ["(no message)"]
            fail(
                f"onnxruntime, in a fresh Python process, could not run the file {call} wrote "
                f"on 7 and on 1 image: {tail[0]}. Export with a dynamic batch dimension "
                "(dynamic_axes={'images': {0: 'batch'}, 'logits': {0: 'batch'}})."
            )
        seven, one = np.load(folder / "out7.npy"), np.load(folder / "out1.npy")
        session = _function(ctx, "onnx_session")(path)
        mine = _function(ctx, "onnx_predict")(session, batch)
    expect_close(
        seven,
        expected,
        what=f"the logits of the file {call} wrote, on 7 test images, against torch's",
        atol=ONNX_ATOL,
    )
    expect_close(one, expected[:1], what="the same on 1 image", atol=ONNX_ATOL)
    expect_close(
        np.asarray(mine),
        expected,
        what="onnx_predict(onnx_session(path), <7 test images>) against torch's logits",
        atol=ONNX_ATOL,
    )


@check("measure_latency times the calls it makes", hint="latency")
def latency(ctx: Context) -> None:
    calls: list[int] = []

    def slow(batch: Array) -> Array:
        calls.append(len(batch))
        time.sleep(SLEEP_S)
        return batch

    call = f"measure_latency(<a call that sleeps {SLEEP_S * 1000:g} ms>, batch, {LATENCY_REPEATS})"
    seconds = _function(ctx, "measure_latency")(slow, np.zeros((3, 4)), LATENCY_REPEATS)
    expect(
        isinstance(seconds, (float, np.floating)) and math.isfinite(seconds),
        f"{call} returned {short(seconds)}: seconds per call, a float.",
    )
    expect(
        len(calls) >= LATENCY_REPEATS + 1 and set(calls) == {3},
        f"{call} made {len(calls)} calls: one warm-up call, then {LATENCY_REPEATS} (repeats) "
        "timed calls, each on the batch given.",
    )
    once_s = _function(ctx, "measure_latency")(slow, np.zeros((3, 4)), 1)
    expect(
        SLEEP_S <= once_s < SLEEP_S * LATENCY_FACTOR,
        f"measure_latency(<a call that sleeps {SLEEP_S * 1000:g} ms>, batch, 1) returned "
        f"{short(once_s)}: seconds PER CALL; one timed call is enough for a figure.",
    )
    expect_raises(
        ValueError,
        _function(ctx, "measure_latency"),
        slow,
        np.zeros((3, 4)),
        0,
        call="measure_latency(predict, batch, 0)",
        mentions=("repeats",),
    )
    expect(
        SLEEP_S <= seconds < SLEEP_S * LATENCY_FACTOR,
        f"{call} returned {seconds:.3g} s: a call that sleeps {SLEEP_S} s takes at least that "
        "long. Return seconds PER CALL (time.perf_counter() around each call; the median), "
        "not the total, nor milliseconds.",
    )


@dataclass(frozen=True)
class _Table:
    """What compare returned, with what the checks saw while it ran."""

    rows: list[dict[str, Any]]
    onnx_sizes: set[int]  # the sizes of the .onnx files compare left in its folder
    batches: dict[str, Counter[int]]  # variant -> how many calls each batch size got


def _variant_of(module: nn.Module) -> str:
    """Which variant a model that compare called is: int8 (dynamically quantized layers),
    pruned (zero weights; the trained float weights have none) or float."""
    if any(type(m).__module__.startswith(QUANTIZED_MODULES) for m in module.modules()):
        return "int8"
    return "pruned" if _zero_share(module) > 0 else "float"


@contextmanager
def _watched(model: nn.Module) -> Iterator[dict[str, Counter[int]]]:
    """Record the batch size of every call that reaches a variant while the block runs.

    A forward pre-hook on `model` (its copies, quantized or pruned, keep it) sees the torch
    variants; onnxruntime's InferenceSession.run, wrapped, sees the onnx one. Calls made while
    an ONNX export traces the model are not counted. A record costs one list append.
    """
    import onnxruntime as ort

    calls: list[tuple[nn.Module, int]] = []
    onnx: Counter[int] = Counter()

    def hook(module: nn.Module, args: tuple[Any, ...]) -> None:
        tracing = torch.jit.is_tracing() or torch.onnx.is_in_onnx_export()
        if args and hasattr(args[0], "shape") and not tracing:
            calls.append((module, int(args[0].shape[0])))

    session = ort.InferenceSession
    run = session.run
    inherited = "run" not in vars(session)

    def watched_run(self: Any, *args: Any, **kwargs: Any) -> Any:
        feed = kwargs.get("input_feed", args[1] if len(args) > 1 else None)
        if isinstance(feed, dict) and feed:
            onnx[len(next(iter(feed.values())))] += 1
        return run(self, *args, **kwargs)

    handle = model.register_forward_pre_hook(hook)
    setattr(session, "run", watched_run)  # noqa: B010 - patching a method for the block only
    batches: dict[str, Counter[int]] = {variant: Counter() for variant in VARIANTS}
    try:
        yield batches
    finally:
        handle.remove()
        if inherited:
            delattr(session, "run")
        else:
            setattr(session, "run", run)  # noqa: B010
    for module, size in calls:
        batches[_variant_of(module)][size] += 1
    batches["onnx"] = onnx


def _table(ctx: Context) -> _Table:
    def run() -> _Table:
        _, _, x, y = _data()
        model = _model()
        with ctx.scratch() as folder, _watched(model) as batches:
            rows = _function(ctx, "compare")(model, x, y, folder)
            sizes = {p.stat().st_size for p in Path(folder).glob("*.onnx")}
        _unchanged(_trained(), model, "compare(model, ...)")
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            fail(f"compare(...) returned {short(rows)}: a list of dicts, one per variant.")
        for row in rows:
            missing = [k for k in ROW_KEYS if k not in row]
            if missing:
                fail(f"compare(...): row {short(row)} has no {', '.join(missing)}.")
        names = [str(r["variant"]) for r in rows]
        for variant in VARIANTS:
            if not any(n.startswith(variant) for n in names):
                fail(f"compare(...) gave the variants {names}: one must start with {variant!r}.")
        return _Table(rows, sizes, batches)

    return once(ctx, "table", run)


def _row(rows: list[dict[str, Any]], variant: str) -> dict[str, Any]:
    return next(r for r in rows if str(r["variant"]).startswith(variant))


def _sizes(seen: Counter[int]) -> str:
    """'1 (x21), 256 (x21), 1000 (x1)', or 'none' when nothing was called."""
    return ", ".join(f"{size} (x{n})" for size, n in sorted(seen.items())) or "none"


@check("compare's sizes and accuracies are those of the variants", hint="table")
def table_figures(ctx: Context) -> None:
    _, _, x, y = _data()
    table = _table(ctx)
    rows = table.rows
    model = _model()
    floats, int8 = _row(rows, "float"), _row(rows, "int8")
    for row, expected in ((floats, _size(model)), (_row(rows, "pruned"), _size(model))):
        expect(
            abs(int(row["size_bytes"]) - expected) <= 0.05 * expected,
            f"compare(...): size_bytes of {row['variant']!r} is {row['size_bytes']}, its "
            f"state_dict takes {expected} bytes (pruned weights are stored as zeros, not "
            "dropped: unstructured pruning does not shrink a dense file).",
        )
    shrink = int(floats["size_bytes"]) / int(int8["size_bytes"])
    expect_at_least(ctx, "compare(...): float size / int8 size", shrink, MIN_SHRINK)
    onnx = _row(rows, "onnx")
    expect(
        int(onnx["size_bytes"]) in table.onnx_sizes,
        f"compare(...): size_bytes of 'onnx' is {onnx['size_bytes']}, but the .onnx files "
        f"written in its folder have {sorted(table.onnx_sizes)} bytes: export to the "
        "folder given and report the file's size.",
    )
    expected_accuracy = {
        "float": _accuracy(model, x, y),
        "int8": _accuracy(_quantized(model), x, y),
        "onnx": _accuracy(model, x, y),
    }
    for variant, value in expected_accuracy.items():
        expect_close(
            float(_row(rows, variant)["accuracy"]),
            value,
            what=f"compare(...): the accuracy of {variant!r} on the images given (recomputed)",
            atol=ACCURACY_ATOL,
        )
    for row in rows:
        ctx.record(f"accuracy_{str(row['variant']).split()[0]}", float(row["accuracy"]))


@check(
    "compare's latencies are measured: batch 256 costs more than batch 1, as the checks time it",
    hint="latency",
)
def table_latency(ctx: Context) -> None:
    _, _, x, _ = _data()
    table = _table(ctx)
    rows = table.rows
    for row in rows:
        one, many = float(row["latency_1_s"]), float(row["latency_256_s"])
        expect(
            0 < one < many,
            f"compare(...): {row['variant']!r} reports {one:.3g} s for 1 image and {many:.3g} s "
            "for 256: both measured (measure_latency), and 256 images take longer.",
        )
    for variant, seen in table.batches.items():
        expect(
            all(seen[size] >= MIN_CALLS for size in TIMED_BATCHES),
            f"compare(...): while it ran, the {variant!r} variant was called on batches of "
            f"{_sizes(seen)} inputs: its latencies need at least {MIN_CALLS} calls (a warm-up "
            f"and a timed one) on each of {' and '.join(map(str, TIMED_BATCHES))} inputs. Time "
            "latency_1_s on inputs[:1] and latency_256_s on inputs[:256], with "
            "measure_latency.",
        )
    model = _model()
    times = []
    with torch.no_grad():
        inputs = torch.as_tensor(x[:256])
        model(inputs)
        for _ in range(LATENCY_REPEATS * 4):
            start = time.perf_counter()
            model(inputs)
            times.append(time.perf_counter() - start)
    ours = statistics.median(times)
    theirs = float(_row(rows, "float")["latency_256_s"])
    ctx.record("latency_256_float_s", theirs)
    expect(
        ours / LATENCY_FACTOR <= theirs <= ours * LATENCY_FACTOR,
        f"compare(...): the float model's latency on 256 images is {theirs:.3g} s; the checks "
        f"time the same call at {ours:.3g} s. Report seconds per call, measured with "
        "measure_latency on a batch of 256 inputs.",
    )
