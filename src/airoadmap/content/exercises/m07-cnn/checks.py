"""Checks of m07-cnn: a convolutional network for Fashion-MNIST, judged by what the code does.

The cheap checks come first. The model is run on random images of two sizes, in train and
eval mode. normalize, augment, the confusion matrix, per-class accuracy and the most
confident mistakes are compared with the checks' own NumPy computations; every augmented
image must be one of the shifts and flips of its original. Then the checks hand train() small
models of their own on small images: one that learns an easy problem (its loss must fall,
label smoothing must show in the loss and in the confidence), and one that records every
image it receives in training and the logits it gave, so the batches, the shuffling, the
augmentation and each epoch's loss and accuracy can be recomputed. The learning rate of each
step is read from the optimizer as it steps (a hook on every torch optimizer), and the weight
decay from a probe: two weights whose gradients are forced equal, so that only the decay,
proportional to each weight, tells their paths apart.

Last, train() runs once on the 60,000 Fashion-MNIST training images with the learner's
model and TrainConfig(); the checks keep the 10,000 test images to themselves (the data
set's files are fenced off while the learner's code runs) and compute the accuracy.
"""

from __future__ import annotations

import copy
import dataclasses
import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import numpy as np

from airoadmap.errors import DatasetError, GradingError
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_equal,
    expect_raises,
    fail,
    short,
)
from airoadmap.grading.kit import fence
from airoadmap.grading.kit.modelcheck import once

try:
    import torch
    from torch import nn
    from torch.nn import functional as F
except ImportError as exc:  # pragma: no cover - torch is a dependency of the month
    raise GradingError("m07-cnn's checks need torch: pip install torch==2.13.0") from exc

MODULE = "cnn"
DATASET = "fashion-mnist"
CLASSES = 10
CONFIG_FIELDS = (
    "epochs",
    "batch_size",
    "lr",
    "weight_decay",
    "label_smoothing",
    "augment",
    "seed",
)
RECORD_KEYS = ("epoch", "loss", "accuracy", "lr")
# train: the reported mean loss against the checks' own, from the logits of the run.
LOSS_RTOL = 1e-4
# normalize: the checks' float64 statistics against the learner's float32 ones, either
# standard deviation (n or n - 1 in the denominator) on at least 4,000 pixels a channel.
NORMALIZE_ATOL = 1e-3
# augment: the share of flipped images among 2,000 must lie in this range (a fair coin
# lands outside it with probability below 1e-5).
FLIP_SHARE = (0.42, 0.58)
# the schedule must end at no more than this share of its peak.
END_OF_SCHEDULE = 0.1

Array = np.ndarray[Any, Any]


# --- loading the learner's code, with the data set fenced off ------------------------------


LEARNER = fence.FencedModule(DATASET, "Fashion-MNIST", MODULE)  # kit/fence.py
_learner, _module, _call = LEARNER.running, LEARNER.load, LEARNER.call


def _config(ctx: Context, **changes: Any) -> Any:
    """The learner's TrainConfig with `changes`."""
    cls = getattr(_module(ctx), "TrainConfig", None)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        fail(f"{MODULE}.py defines no dataclass TrainConfig: keep the starter's.")
    names = {f.name for f in dataclasses.fields(cls)}
    missing = [n for n in CONFIG_FIELDS if n not in names]
    if missing:
        fail(f"TrainConfig has no field {', '.join(missing)}: keep the starter's fields.")
    return dataclasses.replace(cls(), **changes)


def _describe(config: Any) -> str:
    return ", ".join(f"{n}={getattr(config, n)!r}" for n in CONFIG_FIELDS)


def _records(history: Any, epochs: int, call: str) -> list[dict[str, float]]:
    """train()'s history: one dict per epoch with a finite 'epoch', 'loss' and 'lr'."""
    if not isinstance(history, list) or len(history) != epochs:
        size = f"a list of {len(history)}" if isinstance(history, list) else short(history)
        fail(f"{call} returned {size}: expected a list of one dict per epoch ({epochs}).")
    for i, row in enumerate(history):
        if not isinstance(row, dict) or not set(RECORD_KEYS) <= set(row):
            fail(
                f"{call}[{i}] is {short(row)}: each epoch's dict holds 'epoch', 'loss', "
                "'accuracy' and 'lr'."
            )
        expect_equal(row["epoch"], i + 1, call=f"{call}[{i}]['epoch']", note="Epochs count from 1.")
        for key in RECORD_KEYS[1:]:
            value = row[key]
            expect(
                isinstance(value, int | float) and math.isfinite(value),
                f"{call}[{i}]['{key}'] is {short(value)}: expected a finite number (a float, "
                "e.g. loss.item()).",
            )
    return history


# --- data ------------------------------------------------------------------------------------


@cache
def _fashion(split: str) -> tuple[Array, Array]:
    """Fashion-MNIST's official split, loaded by the checks (before any learner code runs)."""
    from airoadmap.datasets import load_arrays

    try:
        return load_arrays(DATASET, split=split)
    except DatasetError as exc:
        raise GradingError(f"m07-cnn's checks need Fashion-MNIST: {exc}") from exc


def _uint8_images(shape: tuple[int, ...], seed: int) -> Array:
    """Random uint8 images; channel c (if any) drawn from its own range, so channels differ."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=shape).astype(np.float64)
    if len(shape) == 4:
        images = images * np.linspace(0.3, 1.0, shape[3]) + np.linspace(0, 60, shape[3])
    return np.clip(images, 0, 255).astype(np.uint8)


def _reference_normalize(
    images: Array, mean: Array | None = None, std: Array | None = None
) -> Array:
    """The checks' own normalize, in float64: (N, C, H, W)."""
    x = images.astype(np.float64) / 255.0
    if x.ndim == 3:
        x = x[..., None]
    x = x.transpose(0, 3, 1, 2)
    if mean is None or std is None:
        mean, std = x.mean(axis=(0, 2, 3)), x.std(axis=(0, 2, 3))
    return (x - np.asarray(mean)[None, :, None, None]) / np.asarray(std)[None, :, None, None]


def _normal_batch(shape: tuple[int, ...], seed: int) -> torch.Tensor:
    """Images of random normal pixels: no pixel is 0, and no two shifts or flips are alike."""
    g = torch.Generator().manual_seed(seed)
    return torch.randn(shape, generator=g)


def _variants(
    images: torch.Tensor, padding: int
) -> tuple[torch.Tensor, list[tuple[int, int, bool]]]:
    """Every shift (dy, dx in -padding..padding, zeros filled in) and flip of each image:
    a tensor (N, V, C, H, W) and the V operations. (dy, dx, True) shifts the flipped image,
    which is the flip of the (dy, -dx) shift: the same set of images either way."""
    _, _, height, width = images.shape
    padded = F.pad(images, (padding, padding, padding, padding))
    out, ops = [], []
    for flip in (False, True):
        source = padded.flip(-1) if flip else padded
        for dy in range(-padding, padding + 1):
            for dx in range(-padding, padding + 1):
                top, left = padding + dy, padding + dx
                out.append(source[:, :, top : top + height, left : left + width])
                ops.append((dy, dx, flip))
    return torch.stack(out, dim=1), ops


def _identify(
    originals: torch.Tensor, seen: torch.Tensor, padding: int
) -> list[tuple[int, tuple[int, int, bool]] | None]:
    """For each image of `seen`, (the original it came from, the shift and flip) or None."""
    variants, ops = _variants(originals, padding)
    table: dict[bytes, tuple[int, tuple[int, int, bool]]] = {}
    for i in range(variants.shape[0]):
        for v, op in enumerate(ops):
            table.setdefault(_key(variants[i, v]), (i, op))
    return [table.get(_key(image)) for image in seen]


def _key(image: torch.Tensor) -> bytes:
    return image.detach().to(torch.float32).contiguous().cpu().numpy().tobytes()


# --- models of the checks --------------------------------------------------------------------


class SmallCNN(nn.Module):
    """A tiny CNN with batch norm and dropout, for the easy problem."""

    def __init__(self, classes: int) -> None:
        super().__init__()
        self.net = nn.Sequential(
            nn.Conv2d(1, 8, 3, padding=1),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.AdaptiveAvgPool2d(4),
            nn.Flatten(),
            nn.Dropout(0.1),
            nn.Linear(128, classes),
        )

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.net(x)


def _bars(n: int, classes: int, seed: int, size: int = 12) -> tuple[torch.Tensor, torch.Tensor]:
    """An easy problem: class c is a bright horizontal bar on row 2 + 2c, plus noise."""
    g = torch.Generator().manual_seed(seed)
    labels = torch.randint(0, classes, (n,), generator=g)
    images = 0.3 * torch.randn(n, 1, size, size, generator=g)
    for i, label in enumerate(labels.tolist()):
        images[i, 0, 2 + 2 * label, 2 : size - 2] += 2.0
    return images, labels


@dataclass
class Recording:
    """What the recording model saw: each batch in training mode with the logits it gave, and
    the mode of each call."""

    batches: list[torch.Tensor] = field(default_factory=list)
    logits: list[Array] = field(default_factory=list)
    modes: list[bool] = field(default_factory=list)


PROBE_START = (0.0, 4.0)


class RecordingNet(nn.Module):
    """A linear classifier that records its inputs, and a probe weight: two numbers whose
    gradient is replaced by 1e-3 at every step, so that the optimizer's step is the same for
    both, and only the weight decay (proportional to each value) tells them apart."""

    def __init__(self, pixels: int, classes: int, seed: int) -> None:
        super().__init__()
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            self.linear = nn.Linear(pixels, classes)
        self.probe_weight = nn.Parameter(torch.tensor([PROBE_START], dtype=torch.float64))
        self.probe_weight.register_hook(lambda grad: torch.full_like(grad, 1e-3))
        self.recording = Recording()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        rec = self.recording
        rec.modes.append(self.training)
        touch = (self.probe_weight * 0.0).sum().to(x.dtype)
        out = self.linear(x.flatten(1)) + touch
        if self.training:
            rec.batches.append(x.detach().to(torch.float32).contiguous().cpu().clone())
            rec.logits.append(out.detach().to(torch.float64).cpu().numpy().copy())
        return out


def _decay_steps(probes: list[Array]) -> Array:
    """lr * weight_decay of each step, from the probe's values before each step.

    AdamW shrinks each weight by lr * wd * its value, then takes the Adam step, which is the
    same for both entries of the probe (their gradients are equal at every step):
    delta_a - delta_b = -lr * wd * (a - b).
    """
    path = np.array(probes)  # (steps, 2): the probe before each step
    delta = np.diff(path, axis=0)
    return (delta[:, 1] - delta[:, 0]) / (path[:-1, 0] - path[:-1, 1])


@contextmanager
def _optimizer_steps(param: nn.Parameter) -> Iterator[list[tuple[float, Array]]]:
    """(lr, the value of `param`) before each step of any torch optimizer in the block whose
    parameter groups hold `param`."""
    from torch.optim.optimizer import register_optimizer_step_pre_hook

    steps: list[tuple[float, Array]] = []

    def hook(optimizer: Any, args: Any, kwargs: Any) -> None:
        for group in optimizer.param_groups:
            if any(p is param for p in group["params"]):
                value = param.detach().cpu().numpy().reshape(-1).copy()
                steps.append((float(group["lr"]), value))

    handle = register_optimizer_step_pre_hook(hook)
    try:
        yield steps
    finally:
        handle.remove()


# --- the model -------------------------------------------------------------------------------


def _model(ctx: Context, *args: Any) -> nn.Module:
    call = f"make_model({', '.join(map(str, args))})"
    model = _call(ctx, "make_model", *args)
    expect(isinstance(model, nn.Module), f"{call} returned {short(model)}, expected an nn.Module.")
    return model


@check("make_model gives (N, classes) logits for 1x28x28 and 3x32x32 images", hint="model")
def model_shapes(ctx: Context) -> None:
    for args, shape, classes in (((), (5, 1, 28, 28), 10), ((3, 7), (4, 3, 32, 32), 7)):
        call = f"make_model({', '.join(map(str, args))})"
        model = _model(ctx, *args)
        params = [p for p in model.parameters() if p.requires_grad]
        expect(bool(params), f"{call} has no trainable parameters.")
        model.eval()
        x = _normal_batch(shape, seed=1)
        try:
            with _learner(f"{call} ran on images of shape {shape}"), torch.no_grad():
                out = model(x)
        except RuntimeError as exc:  # a layer that does not fit the shape it receives
            fail(
                f"{call} failed on images of shape {shape}: {short(str(exc))}. A linear layer "
                "after the convolutions expects one number of features: nn.AdaptiveAvgPool2d "
                "before it gives every image size the same."
            )
        expect(
            isinstance(out, torch.Tensor) and tuple(out.shape) == (shape[0], classes),
            f"{call} on images of shape {shape} returned "
            f"{tuple(out.shape) if isinstance(out, torch.Tensor) else short(out)}, expected "
            f"logits of shape {(shape[0], classes)}. nn.AdaptiveAvgPool2d before the linear "
            "layer makes the head independent of the image size.",
        )
        expect(
            bool(torch.isfinite(out).all()),
            f"{call} returned logits that are not finite on images of shape {shape}.",
        )
        expect(
            not bool(torch.allclose(out[0], out[1])),
            f"{call} gave the same logits to two different images: the output must depend on "
            "the image.",
        )


@check("batch norm and dropout work: random in training, deterministic in eval", hint="model")
def model_layers(ctx: Context) -> None:
    model = _model(ctx)
    kinds = [type(m) for m in model.modules()]
    norms = [m for m in model.modules() if isinstance(m, nn.modules.batchnorm._BatchNorm)]
    expect(bool(norms), f"make_model() has no batch norm layer (nn.BatchNorm2d): {short(kinds)}.")
    expect(
        any(isinstance(m, nn.modules.dropout._DropoutNd) for m in model.modules()),
        f"make_model() has no dropout layer (nn.Dropout): {short(kinds)}.",
    )
    x = _normal_batch((8, 1, 28, 28), seed=2)
    before = [m.running_mean.clone() for m in norms if m.running_mean is not None]
    model.train()
    with _learner("the model ran in training mode"), torch.no_grad():
        first, second = model(x + 3.0), model(x + 3.0)
    expect(
        not bool(torch.allclose(first, second)),
        "In training mode, make_model() gave equal logits twice for the same batch: dropout "
        "should zero a random part of the activations at each call (p > 0).",
    )
    after = [m.running_mean for m in norms if m.running_mean is not None]
    expect(
        bool(before) and any(not torch.equal(b, a) for b, a in zip(before, after, strict=True)),
        "A forward pass in training mode left the batch norm's running_mean as it was: batch "
        "norm keeps running statistics (track_running_stats=True, the default) for eval mode.",
    )
    model.eval()
    with _learner("the model ran in eval mode"), torch.no_grad():
        batch, again = model(x), model(x)
        alone = torch.cat([model(x[i : i + 1]) for i in range(len(x))])
    expect(
        bool(torch.equal(batch, again)),
        "In eval mode, make_model() gave different logits twice for the same batch: "
        "model.eval() must turn dropout off.",
    )
    expect_close(
        alone.numpy(),
        batch.numpy(),
        what="In eval mode, the logits of each image alone against the same image in a batch of 8",
        rtol=1e-4,
        atol=1e-4,
        note="At eval time batch norm uses its running statistics, so an image's logits do "
        "not depend on the other images of the batch.",
    )


# --- normalize -------------------------------------------------------------------------------


@check("normalize gives float32 (N, C, H, W), standardised per channel", hint="normalize")
def normalize_images(ctx: Context) -> None:
    cases: list[tuple[str, Array]] = [
        ("grey images of shape (40, 10, 10)", _uint8_images((40, 10, 10), seed=3)),
        ("colour images of shape (40, 10, 12, 3)", _uint8_images((40, 10, 12, 3), seed=4)),
    ]
    for what, images in cases:
        kept = images.copy()
        out = _call(ctx, "normalize", images)
        call = f"normalize(<{what}>)"
        expect(
            isinstance(out, torch.Tensor),
            f"{call} returned {type(out).__name__}, expected a torch tensor.",
        )
        expect(out.dtype == torch.float32, f"{call} has dtype {out.dtype}, expected float32.")
        expected = _reference_normalize(images)
        expect(
            tuple(out.shape) == expected.shape,
            f"{call} has shape {tuple(out.shape)}, expected {expected.shape}: (N, C, H, W), "
            "the channel first, as nn.Conv2d takes it.",
        )
        expect_close(
            out.numpy(),
            expected,
            what=call,
            rtol=0,
            atol=NORMALIZE_ATOL,
            note="Scale the pixels to [0, 1], then subtract each channel's mean and divide by "
            "its standard deviation, both over all images and pixels of that channel.",
        )
        expect(bool(np.array_equal(images, kept)), f"{call} changed the images it was given.")
    images = _uint8_images((30, 8, 8, 3), seed=5)
    mean, std = [0.2, 0.4, 0.6], [0.5, 0.25, 0.125]
    call = f"normalize(<colour images>, mean={mean}, std={std})"
    out = _call(ctx, "normalize", images, mean, std)
    expect(isinstance(out, torch.Tensor), f"{call} returned {short(out)}, expected a tensor.")
    expect_close(
        out.numpy(),
        _reference_normalize(images, np.array(mean), np.array(std)),
        what=call,
        rtol=0,
        atol=1e-5,
        note="With mean and std given (the training set's, for the test images), use them "
        "instead of the images' own statistics.",
    )
    floats = _uint8_images((4, 6, 6), seed=7).astype(np.float64) / 255.0
    expect_raises(
        ValueError,
        _call,
        ctx,
        "normalize",
        floats,
        call="normalize(<float64 images in [0, 1]>)",
        mentions_any=("uint8",),
        problem="the pixels must be uint8, 0 to 255",
    )
    expect_raises(
        ValueError,
        _call,
        ctx,
        "normalize",
        _uint8_images((6, 6), seed=8),
        call="normalize(<one image of shape (6, 6)>)",
        mentions_any=("shape", "(N, H, W)"),
        problem="a batch of images has 3 or 4 axes",
    )
    images = _uint8_images((40, 10, 10, 2), seed=6)
    stats = _call(ctx, "channel_stats", images)
    x = images.astype(np.float64) / 255.0
    expect(
        isinstance(stats, tuple | list) and len(stats) == 2,
        f"channel_stats(<2-channel images>) returned {short(stats)}, expected (mean, std).",
    )
    expect_close(
        np.asarray(stats[0], dtype=float),
        x.mean(axis=(0, 1, 2)),
        what="channel_stats(<2-channel images>)[0], the mean of each channel",
        rtol=0,
        atol=1e-5,
    )
    expect_close(
        np.asarray(stats[1], dtype=float),
        x.std(axis=(0, 1, 2)),
        what="channel_stats(<2-channel images>)[1], the standard deviation of each channel",
        rtol=0,
        atol=NORMALIZE_ATOL,
    )


# --- augment ---------------------------------------------------------------------------------


def _augment(ctx: Context, batch: torch.Tensor, seed: int, **kwargs: Any) -> torch.Tensor:
    generator = torch.Generator().manual_seed(seed)
    out = _call(ctx, "augment", batch, generator, **kwargs)
    call = f"augment(<images of shape {tuple(batch.shape)}>, generator, {short(kwargs)})"
    expect(isinstance(out, torch.Tensor), f"{call} returned {short(out)}, expected a tensor.")
    expect(
        tuple(out.shape) == tuple(batch.shape) and out.dtype == batch.dtype,
        f"{call} returned shape {tuple(out.shape)} and dtype {out.dtype}: expected the batch's "
        f"own, {tuple(batch.shape)} and {batch.dtype}.",
    )
    return out


@check("augment: each image is a shift (zeros filled in), maybe flipped", hint="augment")
def augment_ops(ctx: Context) -> None:
    for shape, padding in (((64, 1, 9, 11), 2), ((48, 3, 8, 8), 3), ((32, 1, 7, 7), 0)):
        batch = _normal_batch(shape, seed=7 + padding)
        kept = batch.clone()
        kwargs = {} if padding == 2 else {"padding": padding}
        out = _augment(ctx, batch, seed=padding, **kwargs)
        expect(bool(torch.equal(batch, kept)), "augment changed the batch it was given in place.")
        found = _identify(batch, out, padding)
        for i, hit in enumerate(found):
            if hit is None or hit[0] != i:
                origin = "another image of the batch" if hit is not None else "none"
                fail(
                    f"augment(<images of shape {shape}>, generator, padding={padding}): image "
                    f"{i} is not a shift of image {i} by up to {padding} pixels (zeros filled "
                    f"in), flipped left-right or not (it matches {origin}). Pad with zeros, "
                    "cut a window of the original size at a random offset, and flip the "
                    "columns of about half the images."
                )
        ops = {hit[1] for hit in found if hit is not None}
        expect(
            len(ops) > 1,
            f"augment(<images of shape {shape}>, padding={padding}) applied the same shift and "
            "flip to every image: draw a shift and a flip for each image.",
        )


@check("augment draws per image: seeded, every shift, flips about half", hint="augment")
def augment_random(ctx: Context) -> None:
    batch = _normal_batch((2000, 1, 6, 6), seed=11)
    first = _augment(ctx, batch, seed=5)
    again = _augment(ctx, batch, seed=5)
    other = _augment(ctx, batch, seed=6)
    expect(
        bool(torch.equal(first, again)),
        "augment with two generators seeded alike gave different images: draw every random "
        "number from the generator it is given (torch.randint(..., generator=generator)).",
    )
    expect(
        not bool(torch.equal(first, other)),
        "augment with generators seeded 5 and 6 gave the same images: the random choices must "
        "come from the generator.",
    )
    found = _identify(batch, first, 2)
    expect(
        all(hit is not None and hit[0] == i for i, hit in enumerate(found)),
        "augment(<2,000 images>, generator) returned an image that is not a shift (up to 2 "
        "pixels, zeros filled in) and/or flip of its original.",
    )
    ops = [hit[1] for hit in found if hit is not None]
    flipped = sum(op[2] for op in ops) / len(ops)
    low, high = FLIP_SHARE
    expect(
        low <= flipped <= high,
        f"augment flipped {flipped:.1%} of 2,000 images: each image should be flipped with "
        f"probability 1/2 (expected between {low:.0%} and {high:.0%}).",
    )
    every = {(dy, dx) for dy in range(-2, 3) for dx in range(-2, 3)}
    for flip in (False, True):
        shifts = {(op[0], op[1]) for op in ops if op[2] == flip}
        what = "flipped images" if flip else "images it did not flip"
        expect(
            shifts == every,
            f"augment with padding=2 never shifted the {what} (of 2,000) by "
            f"{short(sorted(every - shifts))} (dy, dx): the offset of each axis is drawn "
            "uniformly from 0..2 * padding, every shift from -2 to 2 pixels included.",
        )


# --- train -----------------------------------------------------------------------------------


def _train(
    ctx: Context, model: nn.Module, images: torch.Tensor, labels: torch.Tensor, config: Any
) -> tuple[list[dict[str, float]], str]:
    call = f"train(model, <{len(images)} images>, labels, TrainConfig({_describe(config)}))"
    history = _call(ctx, "train", model, images, labels, config)
    return _records(history, config.epochs, call), call


def _accuracy(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> tuple[float, Array]:
    """The checks' own evaluation: accuracy and the probabilities, in eval mode."""
    model.eval()
    with _learner("the trained model was evaluated"), torch.no_grad():
        proba = F.softmax(model(images).float(), dim=1)
    return float((proba.argmax(1) == labels).float().mean()), proba.numpy()


@check("train returns one record per epoch, and the loss falls on an easy problem", hint="train")
def train_learns(ctx: Context) -> None:
    images, labels = _bars(256, classes=4, seed=12)
    torch.manual_seed(0)
    model = SmallCNN(4)
    seen: list[tuple[int, Any]] = []
    config = _config(ctx, epochs=4, batch_size=32, lr=0.01, label_smoothing=0.0, augment=False)
    call = f"train(model, <256 images>, labels, TrainConfig({_describe(config)}), on_epoch=f)"
    history = _call(
        ctx, "train", model, images, labels, config, on_epoch=lambda e, r: seen.append((e, r))
    )
    records = _records(history, config.epochs, call)
    expect(
        [e for e, _ in seen] == [1, 2, 3, 4],
        f"{call} called on_epoch with the epochs {[e for e, _ in seen]}, expected [1, 2, 3, 4] "
        "(once after each epoch).",
    )
    expect(
        all(r == records[i] for i, (_, r) in enumerate(seen)),
        f"{call} passed on_epoch records that differ from the ones it returned.",
    )
    losses = [r["loss"] for r in records]
    expect(
        losses[-1] < 0.5 * losses[0],
        f"{call} reported the losses {short([round(v, 4) for v in losses])}: on this easy "
        "problem (4 classes, one bright bar each) the last epoch's loss should be under half the "
        "first's. Is the optimizer stepping the model's parameters?",
    )
    expect_raises(
        ValueError,
        _call,
        ctx,
        "train",
        SmallCNN(4),
        images,
        labels[:-1],
        config,
        call="train(model, <256 images>, <255 labels>, config)",
        mentions_any=("length", "differ"),
        problem="images and labels differ in length",
    )
    accuracy, _ = _accuracy(model, images, labels)
    expect(
        accuracy >= 0.9,
        f"After {call}, the model classifies {accuracy:.1%} of its 256 training images: train "
        "the model it is given, in place (expected at least 90% on this easy problem).",
    )


def _smoothing_floor(epsilon: float, classes: int) -> float:
    """The lowest cross-entropy against targets smoothed by epsilon: their entropy."""
    high = 1.0 - epsilon + epsilon / classes
    low = epsilon / classes
    return -(high * math.log(high) + (classes - 1) * low * math.log(low))


@check("train uses label smoothing as configured", hint="train")
def train_smoothing(ctx: Context) -> None:
    images, labels = _bars(256, classes=4, seed=13)
    epsilon = 0.3
    confidence: dict[float, float] = {}
    for smoothing in (epsilon, 0.0):
        torch.manual_seed(1)
        model = SmallCNN(4)
        config = _config(
            ctx, epochs=4, batch_size=32, lr=0.01, label_smoothing=smoothing, augment=False
        )
        records, call = _train(ctx, model, images, labels, config)
        _, proba = _accuracy(model, images, labels)
        confidence[smoothing] = float(proba.max(axis=1).mean())
        if smoothing:
            floor = _smoothing_floor(smoothing, 4)
            lowest = min(r["loss"] for r in records)
            expect(
                lowest >= floor - 1e-3,
                f"{call} reported a loss of {lowest:.4f}, below {floor:.4f}, the least a "
                f"cross-entropy with label smoothing {smoothing} can be on 4 classes: pass "
                "label_smoothing=config.label_smoothing to nn.CrossEntropyLoss, and report the "
                "loss you minimise.",
            )
    high = 1.0 - epsilon + epsilon / 4
    expect(
        confidence[epsilon] < high + 0.1 and confidence[0.0] > confidence[epsilon] + 0.05,
        f"Trained with label_smoothing={epsilon}, the model's mean top probability is "
        f"{confidence[epsilon]:.3f}; with 0 it is {confidence[0.0]:.3f}. Smoothing by "
        f"{epsilon} aims the true class at {high:.3f}, so the first should stay near it and "
        "below the second: use config.label_smoothing.",
    )


def _recorded_run(
    ctx: Context, config: Any, seed: int = 21, n: int = 101, shape: tuple[int, ...] = (1, 9, 9)
) -> tuple[RecordingNet, torch.Tensor, list[dict[str, float]], str]:
    """train() on n random images (labels 0, 1, 2, 0, ...) with a recording model; 101 images
    in batches of 20 end each epoch with a batch of one."""
    images = _normal_batch((n, *shape), seed=seed)
    model = RecordingNet(int(np.prod(shape)), 3, seed=seed)
    model.eval()  # train() must switch it to training mode itself
    records, call = _train(ctx, model, images, _recorded_labels(n), config)
    return model, images, records, call


def _recorded_labels(n: int) -> torch.Tensor:
    return torch.arange(n) % 3


def _seen(images: torch.Tensor, rec: Recording) -> list[int]:
    """The index of each image the recording model saw in training (-1: not one given)."""
    keys = {_key(image): i for i, image in enumerate(images)}
    return [keys.get(_key(image), -1) for batch in rec.batches for image in batch]


@check("train runs every image once per epoch, reshuffled, in training mode", hint="train")
def train_batches(ctx: Context) -> None:
    config = _config(ctx, epochs=3, batch_size=20, augment=False)
    model, images, _, call = _recorded_run(ctx, config)
    rec = model.recording
    expect(
        bool(rec.batches),
        f"{call} never ran the model in training mode: call model.train() before the loop "
        "(the model came in eval mode).",
    )
    sizes = [len(b) for b in rec.batches]
    expect(
        max(sizes) <= config.batch_size,
        f"{call} ran batches of up to {max(sizes)} images: at most batch_size=20.",
    )
    seen = _seen(images, rec)
    expect(
        -1 not in seen,
        f"With augment=False, {call} ran the model on an image it was not given: train on the "
        "images themselves.",
    )
    expect(
        len(seen) == config.epochs * len(images),
        f"{call} ran {len(seen)} images through the model in training, expected "
        f"{config.epochs} epochs x {len(images)} images = {config.epochs * len(images)}.",
    )
    epochs = [seen[e * len(images) : (e + 1) * len(images)] for e in range(config.epochs)]
    for e, order in enumerate(epochs, start=1):
        expect(
            sorted(order) == list(range(len(images))),
            f"Epoch {e} of {call} did not run each of the {len(images)} images exactly once: "
            "draw a permutation of all the indices each epoch and cut it into batches.",
        )
    expect(
        epochs[0] != list(range(len(images))) and len({tuple(o) for o in epochs}) == len(epochs),
        f"{call} ran the images in the same order in every epoch (or in their given order): "
        "shuffle them again at each epoch.",
    )


def _smoothed_cross_entropy(logits: Array, labels: Array, epsilon: float) -> Array:
    """Per-image cross-entropy of float64 logits against targets smoothed by epsilon."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    target = np.full_like(log_p, epsilon / log_p.shape[1])
    target[np.arange(len(labels)), labels] += 1.0 - epsilon
    return -(target * log_p).sum(axis=1)


@check("train reports each epoch's mean loss and accuracy on its training images", hint="train")
def train_reports(ctx: Context) -> None:
    config = _config(ctx, epochs=2, batch_size=20, augment=False, label_smoothing=0.1)
    model, images, records, call = _recorded_run(ctx, config, seed=24)
    rec = model.recording
    expect(bool(rec.batches), f"{call} never ran the model in training mode.")
    seen = np.array(_seen(images, rec))
    expect(
        len(seen) == config.epochs * len(images) and bool((seen >= 0).all()),
        f"{call} did not run each image once per epoch: make the check 'train runs every "
        "image once per epoch' pass first.",
    )
    labels = _recorded_labels(len(images)).numpy()[seen]
    logits = np.concatenate(rec.logits)
    losses = _smoothed_cross_entropy(logits, labels, config.label_smoothing)
    right = logits.argmax(axis=1) == labels
    n = len(images)
    for e, record in enumerate(records):
        part = slice(e * n, (e + 1) * n)
        expect_close(
            record["loss"],
            float(losses[part].mean()),
            what=f"{call}[{e}]['loss']",
            rtol=LOSS_RTOL,
            note="Report the mean over the epoch's images of the loss you minimise (label "
            "smoothing included): add loss.item() * len(batch) at each step and divide by the "
            "number of images; the last batch of an epoch may be smaller.",
        )
        expect_close(
            record["accuracy"],
            float(right[part].mean()),
            what=f"{call}[{e}]['accuracy']",
            rtol=0,
            atol=1e-9,
            note="Report the share of the epoch's images the model classified right in their "
            "training step (argmax of the logits equal to the label).",
        )


@check("train augments the training batches when config.augment is set", hint="augment")
def train_augments(ctx: Context) -> None:
    config = _config(ctx, epochs=2, batch_size=16, augment=True)
    model, images, _, call = _recorded_run(ctx, config, seed=22, n=64, shape=(1, 8, 8))
    rec = model.recording
    expect(bool(rec.batches), f"{call} never ran the model in training mode.")
    seen = torch.cat(rec.batches)
    found = _identify(images, seen, 2)
    expect(
        None not in found,
        f"{call} ran the model on an image that is no shift (up to 2 pixels, zeros filled "
        "in) or flip of a training image: augment each batch with augment(x, generator).",
    )
    ops = [hit[1] for hit in found if hit is not None]
    unchanged = sum(op == (0, 0, False) for op in ops)
    expect(
        unchanged < len(ops) / 2,
        f"With augment=True, {call} ran {unchanged} of {len(ops)} images unchanged: augment "
        "the training batches (about 1 in 50 images is left as it was by chance).",
    )
    per_epoch = [
        sorted(hit[0] for hit in found[e * len(images) : (e + 1) * len(images)] if hit)
        for e in range(config.epochs)
    ]
    expect(
        all(order == list(range(len(images))) for order in per_epoch),
        f"With augment=True, an epoch of {call} did not see each image once (as some shift "
        "or flip of it).",
    )


@check("train follows a learning-rate schedule with AdamW's weight decay", hint="schedule")
def train_schedule(ctx: Context) -> None:
    config = _config(ctx, epochs=4, batch_size=16, lr=0.004, weight_decay=0.25, augment=False)
    images = _normal_batch((96, 1, 9, 9), seed=23)
    model = RecordingNet(81, 3, seed=23)
    with _optimizer_steps(model.probe_weight) as steps:
        records, call = _train(ctx, model, images, torch.arange(96) % 3, config)
    expect(
        len(steps) > 2,
        f"{call} made {len(steps)} steps of a torch optimizer that holds the model's "
        "parameters: use torch.optim.AdamW(model.parameters(), ...) and call its step() once "
        "per batch.",
    )
    lrs = np.array([lr for lr, _ in steps])
    shown = ", ".join(f"{v:.2e}" for v in lrs[:: max(1, len(lrs) // 8)])
    peak = float(lrs.max())
    expect_close(
        peak,
        config.lr,
        what=f"{call}: the highest learning rate of its steps (they were {shown}, ...)",
        rtol=0.02,
        note="The schedule's peak is config.lr (OneCycleLR(max_lr=config.lr), or "
        "CosineAnnealingLR starting from it).",
    )
    expect(
        lrs[-1] <= END_OF_SCHEDULE * peak,
        f"{call}: the learning rate of the last step is {lrs[-1]:.2e}, more than "
        f"{END_OF_SCHEDULE:.0%} of the peak {peak:.2e} (the steps used {shown}, ...). Anneal "
        "it towards 0 by the end: create the scheduler with the total number of steps (epochs "
        "x batches per epoch) and call scheduler.step() after each optimizer.step().",
    )
    decay = _decay_steps([value for _, value in steps]) / lrs[:-1]
    decay = decay[lrs[:-1] > 1e-3 * peak]
    worst = decay[np.argmax(np.abs(decay - config.weight_decay))] if decay.size else np.nan
    expect_close(
        float(worst),
        config.weight_decay,
        what=f"{call}: the weight decay the optimizer applied at a step (each weight shrunk by "
        "lr x weight_decay x its value)",
        rtol=0.05,
        note="Use torch.optim.AdamW(..., weight_decay=config.weight_decay): its decay shrinks "
        "the weights directly at every step; Adam's weight_decay adds it to the gradient, "
        "which Adam then rescales.",
    )
    per_epoch = len(steps) // config.epochs
    for i, record in enumerate(records):
        of_epoch = lrs[i * per_epoch : (i + 1) * per_epoch]
        low, high = float(of_epoch.min()), float(of_epoch.max())
        slack = 0.1 * peak
        expect(
            low - slack <= record["lr"] <= high + slack,
            f"{call}[{i}]['lr'] is {record['lr']:.3e}, but the steps of that epoch used "
            f"learning rates from {low:.3e} to {high:.3e}: report the learning rate of the "
            "epoch's last step (optimizer.param_groups[0]['lr']).",
        )


@check("train is seeded: two runs with one seed are equal, another seed differs", hint="train")
def train_seeded(ctx: Context) -> None:
    images, labels = _bars(96, classes=4, seed=14)
    torch.manual_seed(2)
    start = SmallCNN(4)
    runs = []
    for seed, outside in ((3, 101), (3, 202), (4, 101)):
        torch.manual_seed(outside)  # whatever the global random state was before
        model = copy.deepcopy(start)
        config = _config(ctx, epochs=2, batch_size=16, lr=0.01, augment=True, seed=seed)
        records, _ = _train(ctx, model, images, labels, config)
        runs.append(([r["loss"] for r in records], [p.detach() for p in model.parameters()]))

    def equal(a: Any, b: Any) -> bool:
        return a[0] == b[0] and all(torch.equal(x, y) for x, y in zip(a[1], b[1], strict=True))

    expect(
        equal(runs[0], runs[1]),
        "Two runs of train with seed=3, from the same initial model, gave different "
        + ("losses" if runs[0][0] != runs[1][0] else "weights")
        + ": seed everything random from config.seed: the shuffle and the augmentation "
        "(torch.Generator().manual_seed(config.seed)) and dropout (torch.manual_seed).",
    )
    expect(
        not any(torch.equal(x, y) for x, y in zip(runs[0][1], runs[2][1], strict=True)),
        "Runs with seed=3 and seed=4 ended with equal weights: the seed must decide the "
        "shuffle, the augmentation and dropout.",
    )


# --- predictions and error analysis ----------------------------------------------------------


@check("predict_proba gives eval-mode softmax probabilities, batch by batch", hint="predict")
def predict_probabilities(ctx: Context) -> None:
    torch.manual_seed(5)
    model = SmallCNN(4)
    images, _ = _bars(49, classes=4, seed=15)
    model.train()
    with torch.no_grad():
        model(images + 1.0)  # running statistics that differ from the batch's own
    norm = model.net[1]
    assert isinstance(norm, nn.BatchNorm2d) and norm.running_mean is not None
    running = norm.running_mean.clone()
    model.eval()
    with torch.no_grad():
        expected = F.softmax(model(images), dim=1).numpy()
    model.train()
    call = "predict_proba(model, <49 images>, batch_size=16)"
    proba = _call(ctx, "predict_proba", model, images, batch_size=16)
    expect(
        isinstance(proba, torch.Tensor),
        f"{call} returned {type(proba).__name__}, expected a torch tensor.",
    )
    expect(
        not proba.requires_grad,
        f"{call} returned a tensor that tracks gradients: use torch.no_grad().",
    )
    expect_close(
        proba.detach().float().numpy(),
        expected,
        what=call,
        rtol=1e-4,
        atol=1e-5,
        note="Switch to model.eval() (dropout off, batch norm's running statistics), run the "
        "images batch by batch under torch.no_grad(), and apply softmax over the classes.",
    )
    expect(
        bool(torch.equal(norm.running_mean, running)),
        f"{call} changed the batch norm's running statistics: predict in eval mode.",
    )


def _confusion(ctx: Context, y_true: Array, y_pred: Array, k: int) -> Array:
    call = f"confusion_matrix(<{len(y_true)} labels>, <{len(y_pred)} predictions>, {k})"
    matrix = _call(ctx, "confusion_matrix", y_true, y_pred, k)
    expect(
        isinstance(matrix, np.ndarray),
        f"{call} returned {type(matrix).__name__}, expected a NumPy array.",
    )
    expected = np.zeros((k, k), dtype=np.int64)
    for t, p in zip(y_true, y_pred, strict=True):
        expected[t, p] += 1
    expect(
        matrix.shape == (k, k) and np.issubdtype(matrix.dtype, np.integer),
        f"{call} has shape {matrix.shape} and dtype {matrix.dtype}: expected ({k}, {k}) "
        "integer counts.",
    )
    if not np.array_equal(matrix, expected):
        if np.array_equal(matrix, expected.T):
            fail(
                f"{call} is the transpose of the expected matrix: rows are the true classes, "
                "columns the predicted ones."
            )
        fail(
            f"{call} differs from the counts of (true, predicted) pairs: got\n{matrix}\n"
            f"expected\n{expected}"
        )
    return matrix


@check("confusion_matrix counts (true, predicted) pairs; bad labels raise", hint="metrics")
def confusion(ctx: Context) -> None:
    rng = np.random.default_rng(16)
    y_true = rng.integers(0, 5, size=200)
    y_pred = np.where(rng.random(200) < 0.6, y_true, rng.integers(0, 5, size=200))
    _confusion(ctx, y_true, y_pred, 5)
    # class 3 never predicted, class 4 never true, class 5 in neither
    _confusion(ctx, np.array([0, 1, 2, 3, 3, 0]), np.array([0, 2, 2, 1, 0, 4]), 6)
    _confusion(ctx, np.array([], dtype=np.int64), np.array([], dtype=np.int64), 3)
    expect_raises(
        ValueError,
        _call,
        ctx,
        "confusion_matrix",
        np.array([0, 1, 3]),
        np.array([0, 1, 1]),
        3,
        call="confusion_matrix([0, 1, 3], [0, 1, 1], 3)",
        mentions_any=("num_classes", "range", "outside"),
        problem="a label outside 0..num_classes - 1",
    )
    expect_raises(
        ValueError,
        _call,
        ctx,
        "confusion_matrix",
        np.array([0, 1, 2]),
        np.array([0, 1]),
        3,
        call="confusion_matrix([0, 1, 2], [0, 1], 3)",
        mentions_any=("length", "differ"),
        problem="the two arrays differ in length",
    )


@check("per_class_accuracy is each row's diagonal share; NaN for an empty row", hint="metrics")
def per_class(ctx: Context) -> None:
    # class 2 has no images, class 3 one (predicted as 1); the column sums differ from the rows
    matrix = np.array([[5, 1, 0, 0], [2, 2, 0, 0], [0, 0, 0, 0], [0, 1, 0, 0]])
    expected = np.array([5 / 6, 0.5, np.nan, 0.0])
    call = f"per_class_accuracy({matrix.tolist()})"
    got = _call(ctx, "per_class_accuracy", matrix)
    expect(isinstance(got, np.ndarray), f"{call} returned {short(got)}, expected a NumPy array.")
    expect(got.shape == (4,), f"{call} has shape {got.shape}, expected (4,).")
    value = np.asarray(got, dtype=float)
    keep = ~np.isnan(expected)
    expect_close(
        value[keep],
        expected[keep],
        what=f"{call} for the classes with examples",
        note="Divide the diagonal (correct) by the row sums (examples of each true class), "
        "not by the column sums.",
    )
    expect(
        bool(np.isnan(value[2])),
        f"{call}[2] is {value[2]!r}: class 2 has no examples, so its accuracy is undefined: "
        "NaN (not 0, and not an error).",
    )


@check("most_confident_mistakes: the wrong predictions, most confident first", hint="mistakes")
def mistakes(ctx: Context) -> None:
    rng = np.random.default_rng(17)
    logits = rng.normal(scale=2.0, size=(120, 5))
    proba = np.exp(logits) / np.exp(logits).sum(axis=1, keepdims=True)
    y_true = np.where(rng.random(120) < 0.5, proba.argmax(axis=1), rng.integers(0, 5, size=120))
    wrong = np.flatnonzero(proba.argmax(axis=1) != y_true)
    ranked = wrong[np.argsort(-proba.max(axis=1)[wrong])]
    cases = [
        ("numpy probabilities, k left at its default, 16", proba, y_true, None, ranked[:16]),
        (
            "a torch tensor of probabilities, k=5",
            torch.tensor(proba),
            torch.tensor(y_true),
            5,
            ranked[:5],
        ),
        (f"k=200, more than the {len(ranked)} mistakes", proba, y_true, 200, ranked),
        ("no mistakes at all", proba, proba.argmax(axis=1), 16, np.array([], dtype=np.int64)),
    ]
    for what, p, y, k, expected in cases:
        call = f"most_confident_mistakes(<{what}>)"
        args = (p, y) if k is None else (p, y, k)
        got = _call(ctx, "most_confident_mistakes", *args)
        expect(
            isinstance(got, np.ndarray) and got.ndim == 1,
            f"{call} returned {short(got)}, expected a 1-D NumPy array of indices.",
        )
        expect(
            got.size == 0 or np.issubdtype(got.dtype, np.integer),
            f"{call} has dtype {got.dtype}: expected integer indices.",
        )
        if not np.array_equal(got, expected):
            if got.size and not set(got.tolist()) <= set(wrong.tolist()):
                hint = "Some of them are right predictions: keep only argmax != y_true."
            else:
                hint = (
                    "Order the mistakes by the probability of the predicted class, highest "
                    "first, and keep the first k."
                )
            fail(
                f"{call} returned {short(got.tolist())}, expected "
                f"{short(expected.tolist())}. {hint}"
            )


# --- the full run: once per grading run ------------------------------------------------------


@dataclass(frozen=True)
class FullRun:
    model: nn.Module
    history: list[dict[str, float]]
    config: Any
    cpu_s: float


def _full_run(ctx: Context) -> FullRun:
    def run() -> FullRun:
        images, labels = _fashion("train")
        _fashion("test")  # loaded now, before the learner's code runs
        mean, std = _train_stats()
        x = _call(ctx, "normalize", images, mean, std)
        config = _config(ctx)
        torch.manual_seed(config.seed)
        model = _model(ctx)
        start = time.process_time()
        history, _ = _train(ctx, model, x, torch.as_tensor(labels), config)
        return FullRun(model, history, config, time.process_time() - start)

    return once(ctx, "full run", run)


@cache
def _train_stats() -> tuple[tuple[float], tuple[float]]:
    """The mean and standard deviation of the training pixels scaled to [0, 1] (exact, from
    the count of each of the 256 grey levels)."""
    images, _ = _fashion("train")
    counts = np.bincount(images.ravel(), minlength=256).astype(np.float64)
    levels = np.arange(256) / 255.0
    mean = float(counts @ levels / counts.sum())
    std = math.sqrt(float(counts @ (levels - mean) ** 2 / counts.sum()))
    return (mean,), (std,)


@check("the trained CNN reaches the test-accuracy bar on Fashion-MNIST", hint="bar")
def accuracy_bar(ctx: Context) -> None:
    full = _full_run(ctx)
    images, labels = _fashion("test")
    mean, std = _train_stats()
    x = torch.from_numpy(_reference_normalize(images, np.array(mean), np.array(std))).float()
    full.model.eval()
    with _learner("the trained model was evaluated"), torch.no_grad():
        predicted = torch.cat(
            [full.model(x[i : i + 1000]).argmax(1) for i in range(0, len(x), 1000)]
        )
    correct = predicted.numpy() == labels
    per_class = [float(correct[labels == c].mean()) for c in range(CLASSES)]
    ctx.record("epochs", full.config.epochs)
    ctx.record("train_cpu_s", full.cpu_s)
    ctx.record("worst_class_accuracy", min(per_class))
    expect_bar(
        ctx,
        "accuracy_test",
        float(correct.mean()),
        note=f"(make_model() trained by train(..., TrainConfig({_describe(full.config)})) on "
        "the 60,000 training images, scored on the 10,000 test images. "
        f"(The bar: {ctx.bar('accuracy_test').why})",
    )
