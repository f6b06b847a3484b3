"""Checks of m07-mlp: the learner's training loop in PyTorch, judged by what it does.

The cheap checks come first: the split on indices, the Dataset, the parameter count, the
model factory and evaluate(), each on small arrays. Then the checks hand train() a model of
their own, a small MLP that records every forward pass: which images it received (each image
is told by its exact tensor), in which mode (train or eval), whether gradients were tracked,
whether a gradient came back, and the logits it gave. From that record they recompute the
split the loop really used, the passes of each epoch and both loss curves, and compare them
with what train() reported. For early stopping the recording model also scripts its
validation outputs, so the validation loss of every epoch is known in advance, and keeps a
copy of its weights at every validation pass, so the weights train() leaves behind can be
matched to an epoch. Two runs with the same seed must be equal; another seed must differ.

Last, train() runs once on the 60,000 Fashion-MNIST training images with the learner's model
and settings; the checks keep the 10,000 test images to themselves (the data set's files
are fenced off while the learner's code runs) and compute the test accuracy on their own.
"""

from __future__ import annotations

import copy
import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise
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
    from torch.utils.data import DataLoader
except ImportError as exc:  # pragma: no cover - torch is a dependency of the month
    raise GradingError("m07-mlp's checks need torch: pip install torch==2.13.0") from exc

MODULE = "mlp"
DATASET = "fashion-mnist"
PIXELS = 784
CLASSES = 10
CONFIG_FIELDS = ("epochs", "batch_size", "lr", "patience", "valid_fraction", "seed")
# Losses are means over images in float32: two correct loops differ by rounding only.
LOSS_RTOL = 1e-4
# The scale of a Dataset's pixels: raw 0..255 values make the first steps huge.
MAX_ABS_PIXEL = 10.0
# The recorded runs: small images of random pixels and labels (each image tells itself apart).
SPY_IMAGES = 240
SPY_CONFIG = {"epochs": 3, "batch_size": 32, "lr": 1e-3, "patience": 10, "valid_fraction": 0.25}
SPY_SEED = 5
# Scripted validation losses: best at epoch 2, then three epochs without a lower loss.
STOPPING_SCRIPT = (1.5, 1.0, 1.2, 1.1, 1.3, 0.4, 0.3, 0.2)
STOPPING_PATIENCE = 2
# No stop within 3 epochs (patience 5); the best epoch is the second (a tie is no improvement).
BEST_SCRIPT = (1.0, 0.8, 0.8)
BEST_PATIENCE = 5

Array = np.ndarray[Any, Any]


# --- loading the learner's code, with the data set fenced off ------------------------------


LEARNER = fence.FencedModule(DATASET, "Fashion-MNIST", MODULE)  # kit/fence.py
_learner, _module, _call = LEARNER.running, LEARNER.load, LEARNER.call
_function = LEARNER.function


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


def _weights(model: nn.Module) -> list[torch.Tensor]:
    return [p.detach() for p in model.parameters()]


def _describe(config: Any) -> str:
    return ", ".join(f"{n}={getattr(config, n)!r}" for n in CONFIG_FIELDS)


# --- data ------------------------------------------------------------------------------------


@cache
def _fashion(split: str) -> tuple[Array, Array]:
    """Fashion-MNIST's official split, loaded by the checks (before any learner code runs)."""
    from airoadmap.datasets import load_arrays

    try:
        return load_arrays(DATASET, split=split)
    except DatasetError as exc:
        raise GradingError(f"m07-mlp's checks need Fashion-MNIST: {exc}") from exc


def _random_images(n: int, seed: int) -> tuple[Array, Array]:
    """n images of random pixels (no two alike) and random labels."""
    rng = np.random.default_rng(seed)
    images = rng.integers(0, 256, size=(n, 28, 28), dtype=np.uint8)
    labels = rng.integers(0, CLASSES, size=n).astype(np.int64)
    return images, labels


def _item(dataset: Any, index: int, what: str) -> tuple[torch.Tensor, int]:
    """Item `index` of the learner's dataset as (784 float32 pixels, label)."""
    item = dataset[index]
    if not (isinstance(item, tuple | list) and len(item) == 2):
        fail(f"{what}[{index}] is {short(item)}: return a pair (image tensor, label).")
    image, label = item
    expect(
        isinstance(image, torch.Tensor),
        f"{what}[{index}][0] is a {type(image).__name__}, expected a torch tensor.",
    )
    expect(
        image.dtype == torch.float32,
        f"{what}[{index}][0] has dtype {image.dtype}, expected torch.float32 (what nn.Linear "
        "takes).",
    )
    expect(
        image.numel() == PIXELS,
        f"{what}[{index}][0] has shape {tuple(image.shape)}: expected the 784 pixels of one "
        "image, e.g. shape (784,).",
    )
    number = label.item() if isinstance(label, torch.Tensor) and label.numel() == 1 else label
    expect(
        isinstance(number, int | np.integer),
        f"{what}[{index}][1] is {short(label)}: expected the label as an integer, e.g. an int64 "
        "tensor (F.cross_entropy takes int64 class indices).",
    )
    return image, int(number)


def _rows(batch: torch.Tensor) -> list[bytes]:
    """Each image of a batch as bytes (its exact pixels, as the Dataset made them)."""
    flat = batch.detach().reshape(len(batch), -1).to(torch.float32).contiguous().numpy()
    return [row.tobytes() for row in flat]


# --- a model that records the loop -----------------------------------------------------------


@dataclass
class Call:
    """One forward pass the learner's loop made."""

    rows: Array  # indices of the images in the checks' array (-1: an image it was not given)
    training: bool  # model.training at the time
    grad: bool  # torch.is_grad_enabled() at the time
    logits: Array  # what the model returned (float64 copy)
    stepped: bool = False  # a gradient came back through the output: a training step


@dataclass
class Recording:
    """What the recording model saw: every call, and its weights at each validation pass."""

    keys: dict[bytes, int]
    labels: Array
    valid: frozenset[int]
    script: tuple[float, ...] = ()
    calls: list[Call] = field(default_factory=list)
    snapshots: list[dict[str, torch.Tensor]] = field(default_factory=list)
    valid_seen: int = 0
    scripting: bool = True


def _logit_for(loss: float) -> float:
    """The logit c of the true class (others 0) whose cross-entropy is `loss`:
    log(1 + 9 exp(-c)) = loss."""
    return -math.log(math.expm1(loss) / (CLASSES - 1))


class RecordingMLP(nn.Module):
    """784 -> 32 -> 10 with dropout 0.5, recording each forward pass in `self.recording`."""

    def __init__(self, recording: Recording, seed: int) -> None:
        super().__init__()
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            self.net = nn.Sequential(
                nn.Flatten(), nn.Linear(PIXELS, 32), nn.ReLU(), nn.Dropout(0.5), nn.Linear(32, 10)
            )
        self.recording = recording

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        rec = self.recording
        rows = np.array([rec.keys.get(key, -1) for key in _rows(x)], dtype=np.int64)
        is_valid = np.array([r in rec.valid for r in rows], dtype=bool)
        out = self.net(x)
        if is_valid.any() and rec.scripting:
            n_valid = len(rec.valid)
            if rec.valid_seen % n_valid == 0:  # a validation pass begins
                rec.snapshots.append(
                    {k: v.detach().clone() for k, v in self.net.state_dict().items()}
                )
            if rec.script:
                epoch = min(rec.valid_seen // n_valid, len(rec.script) - 1)
                target = torch.zeros(int(is_valid.sum()), CLASSES)
                labels = torch.as_tensor(rec.labels[rows[is_valid]])
                target[torch.arange(len(target)), labels] = _logit_for(rec.script[epoch])
                out = out.clone()
                out[torch.as_tensor(is_valid)] = target
            rec.valid_seen += int(is_valid.sum())
        call = Call(
            rows,
            self.training,
            torch.is_grad_enabled(),
            out.detach().to(torch.float64).numpy().copy(),
        )
        rec.calls.append(call)
        if out.requires_grad:

            def stepped(grad: torch.Tensor) -> None:
                call.stepped = True

            out.register_hook(stepped)
        return out


def _recording(
    ctx: Context, images: Array, labels: Array, valid: Any, script: tuple[float, ...] = ()
) -> Recording:
    """A recording that tells each image by the exact tensor the learner's Dataset makes."""
    dataset = _call(ctx, "FashionDataset", images, labels)
    keys: dict[bytes, int] = {}
    with _learner("FashionDataset gave an item"):
        for i in range(len(images)):
            image, _ = _item(dataset, i, "FashionDataset(images, labels)")
            keys[_rows(image.reshape(1, -1))[0]] = i
    return Recording(keys, labels, frozenset(int(v) for v in valid), script)


def _split(ctx: Context, n: int, config: Any) -> tuple[Array, Array]:
    train_rows, valid_rows = _call(ctx, "split_indices", n, config.valid_fraction, config.seed)
    return np.asarray(train_rows), np.asarray(valid_rows)


def _curves(history: Any, call: str) -> tuple[list[float], list[float]]:
    """(train_loss, valid_loss) of a history: a list of one dict per epoch."""
    if not isinstance(history, list) or not history:
        fail(f"{call} returned {short(history)}: return a list of one dict per epoch.")
    train_loss: list[float] = []
    valid_loss: list[float] = []
    for i, row in enumerate(history):
        if not isinstance(row, dict) or not {"epoch", "train_loss", "valid_loss"} <= set(row):
            fail(
                f"{call}[{i}] is {short(row)}: each epoch's dict holds at least 'epoch', "
                "'train_loss' and 'valid_loss'."
            )
        expect_equal(row["epoch"], i + 1, call=f"{call}[{i}]['epoch']", note="Epochs count from 1.")
        for key, curve in (("train_loss", train_loss), ("valid_loss", valid_loss)):
            try:
                value = float(row[key])
            except (TypeError, ValueError):
                fail(f"{call}[{i}]['{key}'] is {short(row[key])}: expected a number.")
            expect(math.isfinite(value), f"{call}[{i}]['{key}'] is {value}: a finite number.")
            curve.append(value)
    return train_loss, valid_loss


def _cross_entropy(logits: Array, labels: Array) -> Array:
    """Per-image cross-entropy of float64 logits."""
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_softmax = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return -log_softmax[np.arange(len(labels)), labels]


@dataclass
class Epoch:
    """One epoch as the recording saw it: its training steps, then its evaluation calls."""

    steps: list[Call] = field(default_factory=list)
    evals: list[Call] = field(default_factory=list)


def _epochs(calls: Sequence[Call]) -> list[Epoch]:
    """Cut the calls into epochs: a run of training steps, then the calls that trained
    nothing, until the next step."""
    epochs: list[Epoch] = []
    for call in calls:
        if call.stepped:
            if not epochs or epochs[-1].evals:
                epochs.append(Epoch())
            epochs[-1].steps.append(call)
        else:
            if not epochs:
                epochs.append(Epoch())
            epochs[-1].evals.append(call)
    return epochs


def _rows_of(calls: Sequence[Call], keep: frozenset[int] | None = None) -> Array:
    rows = np.concatenate([c.rows for c in calls]) if calls else np.zeros(0, dtype=np.int64)
    return rows if keep is None else rows[np.isin(rows, list(keep))]


def _mean_loss(calls: Sequence[Call], labels: Array, keep: frozenset[int]) -> float:
    losses = []
    for c in calls:
        mask = np.isin(c.rows, list(keep))
        losses.append(_cross_entropy(c.logits[mask], labels[c.rows[mask]]))
    return float(np.concatenate(losses).mean())


# --- checks ----------------------------------------------------------------------------------


@check(
    "split_indices makes a seeded split: disjoint, complete, of the given fraction", hint="split"
)
def split(ctx: Context) -> None:
    for n, fraction, seed in ((1000, 0.1, 0), (1000, 0.25, 7), (101, 0.3, 3), (60000, 0.1, 0)):
        call = f"split_indices({n}, {fraction}, {seed})"
        result = _call(ctx, "split_indices", n, fraction, seed)
        if not (isinstance(result, tuple | list) and len(result) == 2):
            fail(f"{call} returned {short(result)}: return (train indices, validation indices).")
        train_rows, valid_rows = (np.asarray(part) for part in result)
        for name, part in (("train", train_rows), ("validation", valid_rows)):
            expect(
                part.ndim == 1 and part.dtype.kind in "iu",
                f"{call}: the {name} indices are {short(part)}: expected a 1-D array of integers.",
            )
        low, high = math.floor(n * fraction), math.ceil(n * fraction)
        expect(
            low <= len(valid_rows) <= high,
            f"{call} gave {len(valid_rows)} validation indices: expected {fraction} of {n}, "
            f"that is {low if low == high else f'{low} or {high}'}.",
        )
        both = np.concatenate([train_rows, valid_rows])
        shared = np.intersect1d(train_rows, valid_rows)
        expect(
            len(shared) == 0,
            f"{call}: {len(shared)} indices are in both parts (e.g. {shared[:1].tolist()}): an "
            "image used for training must not be used for validation.",
        )
        expect(
            len(both) == n and bool(np.array_equal(np.sort(both), np.arange(n))),
            f"{call}: the two parts together hold {len(np.unique(both))} distinct indices in "
            f"{len(both)}: expected each of 0..{n - 1} exactly once.",
        )
        again = [np.asarray(part) for part in _call(ctx, "split_indices", n, fraction, seed)]
        expect(
            np.array_equal(again[0], train_rows) and np.array_equal(again[-1], valid_rows),
            f"{call} called twice gave two different splits: draw the permutation from "
            "np.random.default_rng(seed), so the same seed gives the same split.",
        )
        other = np.asarray(_call(ctx, "split_indices", n, fraction, seed + 1)[1])
        expect(
            set(other.tolist()) != set(valid_rows.tolist()),
            f"split_indices({n}, {fraction}, {seed + 1}) has the same validation indices as "
            f"{call}: shuffle with the seed, so that another seed gives another split.",
        )
        expect(
            int(valid_rows.max()) - int(valid_rows.min()) + 1 > len(valid_rows),
            f"{call}: the validation indices are one block ({valid_rows.min()} to "
            f"{valid_rows.max()}): shuffle all the indices first, then cut.",
        )
    for fraction in (0.0, 1.0):
        expect_raises(
            ValueError,
            _function(ctx, "split_indices"),
            100,
            fraction,
            0,
            call=f"split_indices(100, {fraction}, 0)",
            mentions_any=("valid_fraction", "fraction"),
            problem="which argument is wrong",
        )


@check(
    "FashionDataset gives each image as 784 scaled float32 pixels with its label", hint="dataset"
)
def dataset(ctx: Context) -> None:
    rng = np.random.default_rng(1)
    images = rng.integers(0, 256, size=(6, 28, 28), dtype=np.uint8)
    images[0], images[1] = 0, 255
    labels = np.array([3, 1, 4, 1, 5, 9], dtype=np.int64)
    given = images.copy()
    data = _call(ctx, "FashionDataset", images, labels)
    what = "FashionDataset(images, labels)"
    expect(
        bool(np.array_equal(images, given)),
        f"{what} changed the images it was given: work on a copy.",
    )
    with _learner("FashionDataset gave an item"):
        expect_equal(len(data), 6, call=f"len({what}) for 6 images")
        items = [_item(data, i, what) for i in range(6)]
        for i, (image, label) in enumerate(items):
            expect_equal(label, int(labels[i]), call=f"{what}[{i}][1]")
            expect(
                bool(torch.isfinite(image).all()),
                f"{what}[{i}][0] holds values that are not finite.",
            )
            top = float(image.abs().max())
            expect(
                top <= MAX_ABS_PIXEL,
                f"{what}[{i}][0] holds values up to {top:g}: scale the pixels (e.g. divide by "
                "255) so the inputs are small numbers; raw 0..255 pixels make the first "
                "training steps huge.",
            )
        black, white = items[0][0], items[1][0]
        expect(
            bool((white > black).all()),
            f"{what}: a white pixel (255) does not give a larger value than a black one (0): "
            "scale, do not scramble, the pixels.",
        )
        alone = _call(ctx, "FashionDataset", images[[4, 2]], labels[[4, 2]])
        for j, i in enumerate((4, 2)):
            image, _ = _item(alone, j, "FashionDataset(images[[4, 2]], labels[[4, 2]])")
            expect(
                bool(torch.equal(image, items[i][0])),
                f"Image {i} gives another tensor in FashionDataset(images[[4, 2]], ...) than in "
                f"{what}: convert each image on its own, with fixed numbers (e.g. x / 255), not "
                "with statistics of the images the Dataset was given.",
            )
        expect_raises(
            ValueError,
            _function(ctx, "FashionDataset"),
            images[:3],
            labels[:2],
            call="FashionDataset(3 images, 2 labels)",
            mentions=("label",),
        )
        batch = next(iter(DataLoader(data, batch_size=4)))
    x, y = batch[0], batch[1]
    expect(
        isinstance(x, torch.Tensor) and len(x) == 4 and x[0].numel() == PIXELS,
        f"A DataLoader of batch 4 over {what} gives images of shape "
        f"{tuple(getattr(x, 'shape', ()))}: expected 4 images of 784 pixels.",
    )
    expect(
        isinstance(y, torch.Tensor) and y.dtype == torch.int64 and tuple(y.shape) == (4,),
        f"A DataLoader of batch 4 over {what} gives labels {short(y)}: expected a tensor of "
        "4 int64 labels (what F.cross_entropy takes).",
    )


@check("count_parameters counts make_model's parameters as torch does", hint="parameters")
def parameters(ctx: Context) -> None:
    layers_default = tuple(getattr(_module(ctx), "LAYERS", ()))
    cases = [(784, 256, 10), (784, 128, 64, 10), (20, 5), (3, 7, 7, 2)]
    for layers in cases:
        expected = sum(a * b + b for a, b in pairwise(layers))
        counted = _call(ctx, "count_parameters", layers)
        expect_equal(
            counted,
            expected,
            call=f"count_parameters({layers})",
            note="Each Linear(n_in, n_out) has n_in * n_out weights and n_out biases.",
        )
        model = _call(ctx, "make_model", layers)
        expect(
            isinstance(model, nn.Module),
            f"make_model({layers}) returned {short(model)}, expected an nn.Module.",
        )
        in_torch = sum(p.numel() for p in model.parameters())
        expect(
            in_torch == expected,
            f"make_model({layers}) has {in_torch} parameters (sum of p.numel() over "
            f"model.parameters()), but count_parameters({layers}) says {expected}: build "
            "exactly the Linear layers the widths give, with their biases.",
        )
        linear = [
            (m.in_features, m.out_features) for m in model.modules() if isinstance(m, nn.Linear)
        ]
        pairs = list(pairwise(layers))
        expect(
            linear == pairs,
            f"make_model({layers}) has the Linear layers {linear} (in, out), expected {pairs}.",
        )
        model.eval()
        with _learner(f"make_model({layers}) ran"), torch.no_grad():
            out = model(torch.zeros(3, layers[0]))
        expect(
            tuple(out.shape) == (3, layers[-1]),
            f"make_model({layers}) turns 3 inputs of {layers[0]} numbers into shape "
            f"{tuple(out.shape)}, expected (3, {layers[-1]}).",
        )
    with _learner("make_model((784,)) ran"):
        expect_raises(
            ValueError,
            _function(ctx, "make_model"),
            (PIXELS,),
            call="make_model((784,))",
            mentions_any=("layers", "widths"),
            problem="that layers needs at least 2 widths",
        )
    expect(
        len(layers_default) >= 2 and layers_default[0] == PIXELS and layers_default[-1] == CLASSES,
        f"LAYERS is {layers_default}: it starts with 784 (the pixels) and ends with 10 (the "
        "classes).",
    )
    counted = _call(ctx, "count_parameters", layers_default)
    in_torch = sum(p.numel() for p in _call(ctx, "make_model").parameters())
    expect(
        counted == in_torch,
        f"count_parameters(LAYERS) is {counted}, but make_model() has {in_torch} parameters.",
    )
    ctx.record("parameters", in_torch)


@check("make_model is seeded, with dropout between its layers and raw logits out", hint="model")
def model(ctx: Context) -> None:
    layers = (PIXELS, 64, 10)
    call = f"make_model({layers}, dropout=0.5, seed=3)"
    first = _call(ctx, "make_model", layers, dropout=0.5, seed=3)
    again = _call(ctx, "make_model", layers, dropout=0.5, seed=3)
    other = _call(ctx, "make_model", layers, dropout=0.5, seed=4)
    weights = _weights(first)
    expect(
        all(torch.equal(a, b) for a, b in zip(weights, _weights(again), strict=True)),
        f"{call} twice gave different initial weights: set torch.manual_seed(seed) before "
        "building the layers.",
    )
    expect(
        not all(torch.equal(a, b) for a, b in zip(weights, _weights(other), strict=True)),
        f"make_model({layers}, dropout=0.5, seed=4) has the same weights as {call}: the seed "
        "must decide the initial weights.",
    )
    x = torch.rand(16, PIXELS, generator=torch.Generator().manual_seed(0))
    with _learner(f"{call} ran"), torch.no_grad():
        first.train()
        noisy = first(x), first(x)
        first.eval()
        steady = first(x), first(x)
        plain = _call(ctx, "make_model", layers, dropout=0.0, seed=3)
        plain.train()
        quiet = plain(x), plain(x)
    expect(
        not torch.equal(*noisy),
        f"{call} gives the same outputs twice in training mode: put nn.Dropout(dropout) after "
        "each hidden layer's ReLU.",
    )
    expect(
        bool(torch.equal(*steady)),
        f"{call} in eval mode gives two different outputs for one input.",
    )
    expect(
        bool(torch.equal(*quiet)),
        f"make_model({layers}, dropout=0.0, seed=3) still drops units in training mode: pass "
        "the dropout argument to nn.Dropout.",
    )
    expect(
        bool((steady[0] < 0).any()) and bool((noisy[0] != 0).all()),
        f"{call} gives "
        + ("no negative output" if not (steady[0] < 0).any() else "outputs of exactly 0")
        + ": the last Linear layer must give raw logits, with no ReLU or Dropout after it.",
    )


@check(
    "evaluate gives the mean loss and accuracy over every image, in eval mode, without gradients",
    hint="evaluate",
)
def evaluate(ctx: Context) -> None:
    images, labels = _random_images(100, seed=2)
    rec = _recording(ctx, images, labels, valid=())
    net = RecordingMLP(rec, seed=0)
    loader = DataLoader(_call(ctx, "FashionDataset", images, labels), batch_size=32)
    result = _call(ctx, "evaluate", net, loader)
    call = (
        "evaluate(model, DataLoader(FashionDataset(images, labels), batch_size=32)) on 100 images"
    )
    if not (isinstance(result, tuple | list) and len(result) == 2):
        fail(f"{call} returned {short(result)}: return (mean loss, accuracy).")
    expect(rec.calls != [], f"{call} never called the model.")
    expect(
        not any(c.training for c in rec.calls),
        f"{call} ran the model in training mode, with dropout on: call model.eval() first.",
    )
    expect(
        not any(c.grad for c in rec.calls),
        f"{call} ran the model with gradients tracked: wrap the loop in torch.no_grad() "
        "(nothing is trained, and the graph costs memory and time).",
    )
    seen = _rows_of(rec.calls)
    expect(
        bool(np.array_equal(np.sort(seen), np.arange(100))),
        f"{call} gave the model {len(seen)} images ({len(np.unique(seen))} distinct): each of "
        "the 100 once.",
    )
    logits = np.concatenate([c.logits for c in rec.calls])
    losses = _cross_entropy(logits, labels[seen])
    loss, accuracy = float(result[0]), float(result[1])
    batch_means = float(
        np.mean([_cross_entropy(c.logits, labels[c.rows]).mean() for c in rec.calls])
    )
    expect_close(
        loss,
        float(losses.mean()),
        what=f"{call}: the loss",
        rtol=LOSS_RTOL,
        note="The mean cross-entropy over all 100 images"
        + (
            ": you averaged the 4 batch means, but the last batch holds 4 images, not 32. "
            "Sum loss * batch size, then divide by the number of images."
            if math.isclose(loss, batch_means, rel_tol=LOSS_RTOL)
            else "."
        ),
    )
    correct = float(np.mean(logits.argmax(axis=1) == labels[seen]))
    expect_close(
        accuracy,
        correct,
        what=f"{call}: the accuracy",
        rtol=1e-6,
        note="The share of images whose largest logit is the label's.",
    )


@check(
    "train uses the split, every training image once per epoch, and reports the losses of the run",
    hint="loop",
)
def train_loop(ctx: Context) -> None:
    images, labels = _random_images(SPY_IMAGES, seed=4)
    config = _config(ctx, seed=SPY_SEED, **SPY_CONFIG)
    train_rows, valid_rows = _split(ctx, SPY_IMAGES, config)
    rec = _recording(ctx, images, labels, valid=valid_rows)
    net = RecordingMLP(rec, seed=1)
    call = f"train(model, images, labels, TrainConfig({_describe(config)})) on {SPY_IMAGES} images"
    history = _call(ctx, "train", net, images, labels, config)
    train_set, valid_set = frozenset(train_rows.tolist()), rec.valid
    unknown = sum(int((c.rows < 0).sum()) for c in rec.calls)
    expect(
        unknown == 0,
        f"{call}: the model received {unknown} images that are not among the images train "
        "was given (changed, or from elsewhere): feed the model FashionDataset's items as they "
        "are.",
    )
    expect(rec.calls != [], f"{call} never called the model.")
    for c in rec.calls:
        if c.stepped and not c.training:
            fail(
                f"{call}: a training step ran with the model in eval mode (dropout off): call "
                "model.train() at the start of every epoch, since evaluating switches the "
                "model to eval mode."
            )
        if not c.stepped and c.grad:
            fail(
                f"{call}: a forward pass that trained nothing tracked gradients: evaluate "
                "under torch.no_grad()."
            )
        if not c.stepped and c.training:
            fail(
                f"{call}: images went through the model in training mode without a training "
                "step (dropout on while evaluating): call model.eval() before evaluating."
            )
    leaked = np.unique(_rows_of([c for c in rec.calls if c.stepped], valid_set))
    expect(
        len(leaked) == 0,
        f"{call}: {len(leaked)} of the {len(valid_set)} validation images were trained on. "
        "Train only on the first part of split_indices(len(images), config.valid_fraction, "
        "config.seed), and validate on the second.",
    )
    epochs = _epochs(rec.calls)
    expect(
        epochs[0].steps != [],
        f"{call}: the model evaluated images before the first training step: validate once, "
        "at the end of each epoch (the curves have one value per epoch run).",
    )
    for e, epoch in enumerate(epochs, start=1):
        trained = _rows_of(epoch.steps)
        expect(
            bool(np.array_equal(np.sort(trained), np.sort(train_rows))),
            f"{call}: epoch {e} trained on {len(trained)} images ({len(np.unique(trained))} "
            f"distinct) of the {len(train_rows)} training images: one epoch uses each "
            "training image once (keep the last, smaller batch).",
        )
        checked = _rows_of(epoch.evals, valid_set)
        expect(
            bool(np.array_equal(np.sort(checked), np.sort(valid_rows))),
            f"{call}: after epoch {e} the model evaluated {len(checked)} validation images "
            f"({len(np.unique(checked))} distinct) of {len(valid_rows)}: evaluate each "
            "validation image once per epoch, after the epoch's training.",
        )
        sizes = [len(c.rows) for c in epoch.steps]
        expect(
            all(size == config.batch_size for size in sizes[:-1])
            and 0 < sizes[-1] <= config.batch_size,
            f"{call}: epoch {e} trained in batches of {sorted(set(sizes), reverse=True)} images: "
            f"use batches of config.batch_size = {config.batch_size} (the last may be smaller).",
        )
    orders = [_rows_of(epoch.steps) for epoch in epochs]
    expect(
        len(orders) < 2 or not np.array_equal(orders[0], orders[1]),
        f"{call}: epochs 1 and 2 saw the training images in the same order: shuffle them "
        "every epoch (DataLoader(..., shuffle=True)).",
    )
    train_loss, valid_loss = _curves(history, call)
    expect(
        len(history) == len(epochs),
        f"{call} returned {len(history)} epochs of history, but the model was trained for "
        f"{len(epochs)}: one dict per epoch run.",
    )
    expect(
        len(epochs) == config.epochs,
        f"{call} ran {len(epochs)} epochs, expected {config.epochs}: with patience "
        f"{config.patience}, early stopping cannot stop a {config.epochs}-epoch run.",
    )
    for e, epoch in enumerate(epochs):
        in_run = _mean_loss(epoch.steps, labels, train_set)
        batch_means = float(
            np.mean([_cross_entropy(c.logits, labels[c.rows]).mean() for c in epoch.steps])
        )
        hint = (
            ": you averaged the batch means, but the last batch is smaller. Add loss.item() * "
            "len(y) per batch and divide by the number of images."
            if math.isclose(train_loss[e], batch_means, rel_tol=LOSS_RTOL)
            else ", over the images of the epoch's training steps, from the outputs the model "
            "gave in those steps."
        )
        expect_close(
            train_loss[e],
            in_run,
            what=f"{call}: train_loss of epoch {e + 1}",
            rtol=LOSS_RTOL,
            note=f"It must be the mean cross-entropy{hint}",
        )
        expect_close(
            valid_loss[e],
            _mean_loss(epoch.evals, labels, valid_set),
            what=f"{call}: valid_loss of epoch {e + 1}",
            rtol=LOSS_RTOL,
            note="It must be the mean cross-entropy over the validation images, from the "
            "model's outputs after that epoch's training.",
        )


@check("train takes its learning rate from the config: at lr = 0 the weights stay", hint="loop")
def learning_rate(ctx: Context) -> None:
    images, labels = _random_images(SPY_IMAGES, seed=9)
    config = _config(ctx, seed=SPY_SEED, **{**SPY_CONFIG, "epochs": 1, "lr": 0.0})
    net = RecordingMLP(Recording({}, labels, frozenset()), seed=4)
    before = _weights(copy.deepcopy(net))
    _call(ctx, "train", net, images, labels, config)
    expect(
        all(torch.equal(a, b) for a, b in zip(before, _weights(net), strict=True)),
        f"train(model, images, labels, TrainConfig({_describe(config)})) changed the weights: "
        "pass config.lr to the optimizer (lr=config.lr), so the config decides the step size.",
    )


def _stopping_case(ctx: Context, script: tuple[float, ...], patience: int, epochs: int) -> None:
    images, labels = _random_images(SPY_IMAGES, seed=6)
    config = _config(
        ctx,
        seed=SPY_SEED,
        **{**SPY_CONFIG, "epochs": epochs, "patience": patience, "lr": 1e-2},
    )
    _, valid_rows = _split(ctx, SPY_IMAGES, config)
    rec = _recording(ctx, images, labels, valid=valid_rows, script=script)
    net = RecordingMLP(rec, seed=2)
    call = (
        f"train(model, images, labels, TrainConfig(epochs={epochs}, patience={patience}, ...)) "
        f"with validation losses {', '.join(f'{v:g}' for v in script)}"
    )
    history = _call(ctx, "train", net, images, labels, config)
    rec.scripting = False
    _, valid_loss = _curves(history, call)
    shown = min(len(valid_loss), len(script))
    expect_close(
        valid_loss[:shown],
        script[:shown],
        what=f"{call}: the reported valid_loss",
        rtol=LOSS_RTOL,
        note="Report each epoch's own validation loss (the mean cross-entropy of the model's "
        "outputs on the validation images), not the best so far.",
    )
    best, waited, expected = math.inf, 0, epochs
    best_epoch = 0
    for e, loss in enumerate(script[:epochs], start=1):
        if loss < best:
            best, best_epoch, waited = loss, e, 0
        else:
            waited += 1
            if waited >= patience:
                expected = e
                break
    expect(
        len(history) == expected,
        f"{call} ran {len(history)} epochs, expected {expected}: the validation loss was "
        f"lowest at epoch {best_epoch}, and training stops once {patience} epochs in a row "
        f"bring no lower loss (or after config.epochs = {epochs}).",
    )
    state = {k: v.detach() for k, v in net.net.state_dict().items()}

    def same(snapshot: dict[str, torch.Tensor]) -> bool:
        return all(torch.equal(state[k], v) for k, v in snapshot.items())

    expect(
        len(rec.snapshots) >= best_epoch,
        f"{call}: the validation images were evaluated {len(rec.snapshots)} times, expected "
        "once per epoch run.",
    )
    if same(rec.snapshots[best_epoch - 1]):
        return
    held = next((k for k, snap in enumerate(rec.snapshots, 1) if same(snap)), 0)
    if held and script[held - 1] == best:
        fail(
            f"{call}: the model left behind holds the weights of epoch {held}, whose validation "
            f"loss only equals that of epoch {best_epoch}: an epoch improves only when its loss "
            "is strictly lower (valid_loss < best_loss)."
        )
    fail(
        f"{call}: the model left behind holds "
        + (f"the weights of epoch {held}" if held else "weights of no epoch's end")
        + (" (the last)" if held == len(rec.snapshots) else "")
        + f", not those of epoch {best_epoch}, the lowest validation loss. When the loss "
        "improves, keep a copy of the weights (copy.deepcopy(model.state_dict()): "
        "state_dict() alone holds the live tensors, which training keeps changing), and "
        "load it with model.load_state_dict() at the end."
    )


@check(
    "train stops after `patience` epochs without a lower validation loss, keeping the best weights",
    hint="early_stopping",
)
def early_stopping(ctx: Context) -> None:
    _stopping_case(ctx, STOPPING_SCRIPT, STOPPING_PATIENCE, epochs=len(STOPPING_SCRIPT))
    _stopping_case(ctx, BEST_SCRIPT, BEST_PATIENCE, epochs=len(BEST_SCRIPT))


@check("two runs with the same seed are equal; another seed gives another run", hint="seed")
def seeded(ctx: Context) -> None:
    images, labels = _random_images(200, seed=8)
    rec = Recording({}, labels, frozenset())
    start = RecordingMLP(rec, seed=3)
    runs = []
    for seed, outside in ((11, 101), (11, 202), (12, 101)):
        torch.manual_seed(outside)  # whatever the global random state was before
        net = copy.deepcopy(start)
        config = _config(ctx, **{**SPY_CONFIG, "epochs": 2, "valid_fraction": 0.2, "seed": seed})
        call = f"train(model, images, labels, TrainConfig(..., seed={seed}))"
        curves = _curves(_call(ctx, "train", net, images, labels, config), call)
        runs.append((curves, _weights(net)))

    def equal(a: Any, b: Any) -> bool:
        return a[0] == b[0] and all(torch.equal(x, y) for x, y in zip(a[1], b[1], strict=True))

    expect(
        equal(runs[0], runs[1]),
        "Two runs of train with seed=11, from the same initial model, gave different "
        + ("curves" if runs[0][0] != runs[1][0] else "weights")
        + ": seed everything random from config.seed: the split, the shuffle "
        "(DataLoader(..., generator=torch.Generator().manual_seed(seed))) and dropout "
        "(torch.manual_seed(seed)).",
    )
    expect(
        not any(torch.equal(x, y) for x, y in zip(runs[0][1], runs[2][1], strict=True)),
        "Runs with seed=11 and seed=12 ended with equal weights: the seed must decide the "
        "split, the shuffle and dropout.",
    )


# --- the full run: once per grading run ------------------------------------------------------


@dataclass(frozen=True)
class FullRun:
    model: nn.Module
    history: Any
    config: Any


def _full_run(ctx: Context) -> FullRun:
    def run() -> FullRun:
        images, labels = _fashion("train")
        _fashion("test")  # loaded now, before the learner's code runs
        config = _config(ctx)
        net = _call(ctx, "make_model")
        history = _call(ctx, "train", net, images, labels, config)
        return FullRun(net, history, config)

    return once(ctx, "full run", run)


def _loss_and_accuracy(
    ctx: Context, net: nn.Module, images: Array, labels: Array
) -> tuple[float, float]:
    """The checks' own evaluation of `net` on images made into tensors by FashionDataset."""
    data = _call(ctx, "FashionDataset", images, labels)
    total, correct = 0.0, 0
    net.eval()
    with _learner("the trained model was evaluated"), torch.no_grad():
        for x, y in DataLoader(data, batch_size=2000):
            logits = net(x).to(torch.float64)
            total += float(F.cross_entropy(logits, y, reduction="sum"))
            correct += int((logits.argmax(dim=1) == y).sum())
    return total / len(labels), correct / len(labels)


@check("the full run's best validation loss is the loss of the model train leaves", hint="bar")
def full_run_reports(ctx: Context) -> None:
    full = _full_run(ctx)
    images, labels = _fashion("train")
    call = f"train(make_model(), <60,000 training images>, TrainConfig({_describe(full.config)}))"
    _, valid_loss = _curves(full.history, call)
    expect(
        len(valid_loss) <= full.config.epochs,
        f"{call} returned {len(valid_loss)} epochs of history: at most config.epochs.",
    )
    _, valid_rows = _split(ctx, len(images), full.config)
    loss, accuracy = _loss_and_accuracy(ctx, full.model, images[valid_rows], labels[valid_rows])
    ctx.record("valid_loss", loss)
    ctx.record("accuracy_valid", accuracy)
    ctx.record("epochs", len(valid_loss))
    expect_close(
        min(valid_loss),
        loss,
        what=f"{call}: the lowest valid_loss it reported, against the validation loss of the "
        "model it left",
        rtol=LOSS_RTOL,
        note="Validate on every image of the validation part, and leave the best epoch's "
        "weights in the model.",
    )


@check("the trained MLP reaches the test-accuracy bar on Fashion-MNIST", hint="bar")
def accuracy_bar(ctx: Context) -> None:
    full = _full_run(ctx)
    images, labels = _fashion("test")
    _, accuracy = _loss_and_accuracy(ctx, full.model, images, labels)
    expect_bar(ctx, "accuracy_test", accuracy)
