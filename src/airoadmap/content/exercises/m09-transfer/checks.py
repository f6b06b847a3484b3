"""Checks of m09-transfer: a pretrained backbone reused for new classes, judged by results.

The cheap checks hand the learner's functions small models and images of their own (bright
bars on 14 x 14 noise) and watch every step of any torch optimizer through a hook: how many
steps a run takes, which parameters the optimizer holds, and the weights at the first step
(so the checks see where fine-tuning started). Frozen parameters are compared by a hash of
their bytes before and after.

Last, the expensive run, once per grading: the learner's pretrain() on 4,000 Fashion-MNIST
training images of classes 0-4, then compare() on 50 training images of each of classes 5-9.
The checks keep the held-out test images (the data set's files are fenced off while the
learner's code runs) and score the three returned models themselves.
"""

from __future__ import annotations

import copy
import dataclasses
import hashlib
import math
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
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
from airoadmap.grading.kit.needs import TORCH, need

torch = need("torch", exercise="m09-transfer", install=TORCH)
nn = torch.nn

MODULE = "transfer"
DATASET = "fashion-mnist"
MODES = ("frozen", "full", "scratch")
SIDE = 14  # the checks downsample Fashion-MNIST's 28 x 28 images to 14 x 14 (2 x 2 means)
# The source task: classes 0-4 (T-shirt, trouser, pullover, dress, coat).
SOURCE_IMAGES = 4000
SOURCE_HELD_OUT = 1000
PRETRAIN = {"epochs": 4, "batch_size": 64, "lr": 3e-3, "seed": 0}
# The target task: classes 5-9 (sandal, shirt, sneaker, bag, ankle boot), 50 labelled images
# of each, the same budget for the three modes (3 epochs of 10 batches: 30 steps).
TARGET_PER_CLASS = 50
TARGET_HELD_OUT = 2000
FINE_TUNE = {"epochs": 3, "batch_size": 25, "lr": 3e-3, "seed": 0}
SELECTION_SEED = 0
# train: the reported mean loss of an epoch against the checks' own, from the same logits.
LOSS_RTOL = 1e-4

Array = np.ndarray[Any, Any]
Tensor = Any  # torch.Tensor (torch is imported through need())


# --- the learner's code, with the data set fenced off ----------------------------------------


LEARNER = fence.FencedModule(DATASET, "Fashion-MNIST", MODULE)  # kit/fence.py
_learner, _module, _call = LEARNER.running, LEARNER.load, LEARNER.call


def _config(ctx: Context, **values: Any) -> Any:
    """The learner's TrainConfig with the checks' `values`."""
    cls = getattr(_module(ctx), "TrainConfig", None)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        fail(f"{MODULE}.py defines no dataclass TrainConfig: keep the starter's.")
    try:
        return cls(**values)
    except TypeError as exc:
        fail(f"TrainConfig({_describe(values)}) failed: {exc}. Keep the starter's fields.")


def _describe(values: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v!r}" for k, v in values.items())


def _model(ctx: Context, num_classes: int | None) -> Any:
    """make_model(num_classes), or make_model() for None (its default: 5 classes)."""
    call = f"make_model({'' if num_classes is None else num_classes})"
    args = () if num_classes is None else (num_classes,)
    model = _call(ctx, "make_model", *args)
    if not isinstance(model, nn.Module):
        fail(f"{call} returned {short(model)}, expected an nn.Module.")
    for part in ("backbone", "head"):
        if not isinstance(getattr(model, part, None), nn.Module):
            fail(
                f"{call} has no module .{part}: keep the backbone (the layers that make "
                "features) and the head (one nn.Linear to the classes) as two attributes."
            )
    return model


# --- hashes, steps, images --------------------------------------------------------------------


def _digest(module: Any) -> str:
    """A hash of every tensor of `module`'s state_dict (parameters and buffers), by bytes."""
    h = hashlib.sha256()
    for key, tensor in module.state_dict().items():
        h.update(key.encode())
        h.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return h.hexdigest()


@dataclass
class Step:
    """One optimizer step: the parameters its groups held and their values before it."""

    params: list[Any]
    values: dict[int, Tensor]


@contextmanager
def _steps() -> Iterator[list[Step]]:
    """Every step of any torch optimizer in the block (a global pre-step hook)."""
    from torch.optim.optimizer import register_optimizer_step_pre_hook

    steps: list[Step] = []

    def hook(optimizer: Any, args: Any, kwargs: Any) -> None:
        params = [p for group in optimizer.param_groups for p in group["params"]]
        values = {id(p): p.detach().clone() for p in params} if not steps else {}
        steps.append(Step(params, values))

    handle = register_optimizer_step_pre_hook(hook)
    try:
        yield steps
    finally:
        handle.remove()


def _bars(n: int, classes: int, seed: int) -> tuple[Tensor, Tensor]:
    """An easy problem at 14 x 14: class c is a bright horizontal bar on row 2 + 2c, plus noise."""
    g = torch.Generator().manual_seed(seed)
    labels = torch.arange(n) % classes
    labels = labels[torch.randperm(n, generator=g)]
    images = 0.2 * torch.rand(n, 1, SIDE, SIDE, generator=g)
    for i, label in enumerate(labels.tolist()):
        images[i, 0, 2 + 2 * label, 2 : SIDE - 2] += 0.8
    return images, labels


def _pretend_pretrained(ctx: Context, seed: int) -> Any:
    """make_model(5) with seeded random weights: a stand-in for a pretrained model."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = _model(ctx, 5)
        with torch.no_grad():
            for p in model.parameters():
                p.add_(0.05 * torch.randn_like(p))
    return model.eval()


def _batches(n: int, config: dict[str, Any]) -> int:
    return int(config["epochs"]) * math.ceil(n / int(config["batch_size"]))


@torch.no_grad()
def _accuracy(model: Any, images: Tensor, labels: Tensor) -> float:
    model.eval()
    return float((model(images).argmax(dim=1) == labels).float().mean())


def _same_objects(a: list[Any], b: list[Any]) -> bool:
    return {id(p) for p in a} == {id(p) for p in b}


# --- the model, the head, freezing -------------------------------------------------------------


@check("make_model: a backbone and a linear head with one output per class", hint="model")
def model_parts(ctx: Context) -> None:
    x = _bars(6, 5, seed=1)[0]
    for asked, k in ((None, 5), (7, 7)):
        model = _model(ctx, asked).eval()
        call = f"make_model({'' if asked is None else asked})"
        head = model.head
        expect(
            isinstance(head, nn.Linear) and head.out_features == k,
            f"{call}.head is {short(head)}: expected one nn.Linear with {k} outputs.",
        )
        with _learner(f"{call} ran"), torch.no_grad():
            out = model(x)
            composed = model.head(model.backbone(x))
        expect(
            isinstance(out, torch.Tensor) and tuple(out.shape) == (6, k),
            f"{call} on images (6, 1, {SIDE}, {SIDE}) returned {short(out)}: expected logits "
            f"(6, {k}).",
        )
        expect_close(
            out.numpy(),
            composed.numpy(),
            what=f"{call}(x) against {call}.head({call}.backbone(x))",
            atol=1e-6,
            note="forward() is the head applied to the backbone's features, nothing else.",
        )
        expect(
            any(True for _ in model.backbone.parameters()),
            f"{call}.backbone has no parameters: it holds the layers that learn features.",
        )


@check("replace_head: a copy with the backbone's weights and a new head", hint="head")
def head_replaced(ctx: Context) -> None:
    pretrained = _pretend_pretrained(ctx, seed=2)
    before = _digest(pretrained)
    for k in (5, 3):
        call = f"replace_head(<a pretrained make_model(5)>, {k})"
        new = _call(ctx, "replace_head", pretrained, k)
        expect(
            isinstance(new, nn.Module) and isinstance(getattr(new, "head", None), nn.Linear),
            f"{call} returned {short(new)}: expected a model whose .head is an nn.Linear.",
        )
        expect(
            _digest(pretrained) == before and pretrained.head.out_features == 5,
            f"{call} changed the model it was given: work on a copy (copy.deepcopy), the "
            "pretrained model stays as it was.",
        )
        expect(
            (new.head.in_features, new.head.out_features) == (pretrained.head.in_features, k),
            f"{call}.head maps {new.head.in_features} features to {new.head.out_features} "
            f"outputs: expected {pretrained.head.in_features} (the backbone's features) to {k}.",
        )
        expect(
            _digest(new.backbone) == _digest(pretrained.backbone),
            f"{call}.backbone differs from the pretrained backbone: keep its weights.",
        )
        expect(
            not any(p is q for p in new.parameters() for q in pretrained.parameters()),
            f"{call} shares parameters with the model it was given: training the copy would "
            "change the pretrained model. Copy it (copy.deepcopy) before replacing the head.",
        )
        if k == 5:
            expect(
                not torch.equal(new.head.weight, pretrained.head.weight),
                f"{call}.head has the pretrained head's weights: the new task needs a new, "
                "freshly initialised head (its classes are not the old ones).",
            )


@check("freeze_backbone: the backbone stops learning, the head does not", hint="freeze")
def freezing(ctx: Context) -> None:
    model = _pretend_pretrained(ctx, seed=3)
    call = "freeze_backbone(model)"
    returned = _call(ctx, "freeze_backbone", model)
    expect(returned is model, f"{call} returned {short(returned)}: return the model it froze.")
    thawed = [n for n, p in model.backbone.named_parameters() if p.requires_grad]
    expect(
        not thawed,
        f"After {call}, backbone parameters {thawed} still require gradients: set "
        "requires_grad_(False) on every parameter of model.backbone.",
    )
    frozen_head = [n for n, p in model.head.named_parameters() if not p.requires_grad]
    expect(
        not frozen_head,
        f"After {call}, head parameters {frozen_head} no longer require gradients: freeze "
        "the backbone only; the head is what trains.",
    )


# --- training ----------------------------------------------------------------------------------


SMALL = {"epochs": 3, "batch_size": 10, "lr": 0.01, "seed": 0}


@check(
    "train: epochs x batches steps of an optimizer over the trainable parameters only",
    hint="train",
)
def training(ctx: Context) -> None:
    images, labels = _bars(53, 4, seed=4)
    model = _pretend_pretrained(ctx, seed=4)
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(4)
        model.head = nn.Linear(model.head.in_features, 4)
    for p in model.backbone.parameters():
        p.requires_grad_(False)
    backbone = _digest(model.backbone)
    start = copy.deepcopy(model)
    config = f"TrainConfig({_describe(SMALL)})"
    call = f"train(<a model with its backbone frozen>, <53 images>, {config})"
    with _steps() as steps, _forwards(model) as seen:
        losses = _call(ctx, "train", model, images, labels, _config(ctx, **SMALL))
    expected = _batches(53, SMALL)
    expect_equal(
        len(steps),
        expected,
        call=f"the optimizer steps of {call}",
        note="Each epoch runs every image once, in batches of at most batch_size (the last "
        "batch is smaller): epochs x ceil(N / batch_size) steps, one per batch.",
    )
    trainable = [p for p in model.parameters() if p.requires_grad]
    expect(
        all(_same_objects(step.params, trainable) for step in steps),
        f"{call}: the optimizer's parameter groups do not hold exactly the parameters that "
        "require gradients: build it over [p for p in model.parameters() if p.requires_grad].",
    )
    expect(
        _digest(model.backbone) == backbone
        and not any(p.requires_grad for p in model.backbone.parameters()),
        f"{call} changed the frozen backbone (its weights or their requires_grad): train only "
        "what requires gradients, and leave requires_grad as you found it.",
    )
    expect(
        isinstance(losses, list)
        and len(losses) == SMALL["epochs"]
        and all(isinstance(v, float) and math.isfinite(v) for v in losses),
        f"{call} returned {short(losses)}: expected the mean loss of each epoch, "
        f"{SMALL['epochs']} floats.",
    )
    recomputed = _epoch_losses(seen, images, labels, int(SMALL["epochs"]), call)
    expect_close(
        np.array(losses),
        np.array(recomputed),
        what=f"{call}: the mean loss of each epoch",
        rtol=LOSS_RTOL,
        note="Recomputed from the logits the model gave each training batch: sum "
        "loss.item() * len(batch) over the epoch's batches, then divide by the number of "
        "images (a mean of batch means weighs the smaller last batch wrong).",
    )
    expect(
        losses[-1] < losses[0],
        f"{call} returned the epoch losses {short(losses)}: the loss must fall on an easy "
        "problem. Call zero_grad, backward and step for every batch.",
    )
    reruns = []
    for outside in (101, 202):
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(outside)  # whatever the global random state was before
            reruns.append(
                _call(ctx, "train", copy.deepcopy(start), images, labels, _config(ctx, **SMALL))
            )
    expect(
        reruns[0] == reruns[1] == losses,
        "train is not seeded by config.seed alone: three runs from the same model, after "
        "different global random states, returned different epoch losses. Draw each epoch's "
        "order from torch.randperm(n, generator=torch.Generator().manual_seed(config.seed)).",
    )
    expect(
        _accuracy(model, images, labels) >= 0.9,
        f"After {call} the model classifies {_accuracy(model, images, labels):.0%} of its "
        "training images: it should learn these bars (at least 90%).",
    )
    expect_raises(
        ValueError,
        _call,
        ctx,
        "train",
        model,
        images,
        labels[:-1],
        _config(ctx, **SMALL),
        call="train(model, <53 images>, <52 labels>, config)",
        mentions_any=("length", "differ"),
        problem="images and labels of different lengths",
    )


@contextmanager
def _forwards(model: Any) -> Iterator[list[tuple[Tensor, Tensor]]]:
    """(inputs, logits) of every forward pass of `model` in training mode with gradients on."""
    seen: list[tuple[Tensor, Tensor]] = []

    def hook(module: Any, args: Any, output: Any) -> None:
        if module.training and torch.is_grad_enabled():
            seen.append((args[0].detach().clone(), output.detach().clone()))

    handle = model.register_forward_hook(hook)
    try:
        yield seen
    finally:
        handle.remove()


def _epoch_losses(
    seen: list[tuple[Tensor, Tensor]], images: Tensor, labels: Tensor, epochs: int, call: str
) -> list[float]:
    """The mean cross-entropy of each epoch, from the logits the model gave each batch (each
    image told by its exact pixels)."""
    index = {image.numpy().tobytes(): i for i, image in enumerate(images)}
    sums = [0.0] * epochs
    done = 0
    for inputs, logits in seen:
        rows = [index.get(x.numpy().tobytes()) for x in inputs]
        if None in rows or done >= epochs * len(images):
            fail(f"{call} ran the model in training mode on images it was not given to train on.")
        target = labels[[r for r in rows if r is not None]]
        loss = nn.functional.cross_entropy(logits.double(), target, reduction="sum")
        sums[done // len(images)] += float(loss)
        done += len(rows)
    return [total / len(images) for total in sums]


# --- fine-tuning ---------------------------------------------------------------------------------


def _fine_tune(
    ctx: Context, pretrained: Any, images: Tensor, labels: Tensor, mode: str
) -> tuple[Any, list[Step], str]:
    call = f"fine_tune(pretrained, <{len(labels)} images>, ..., {mode!r}, TrainConfig(...))"
    with _steps() as steps:
        model = _call(ctx, "fine_tune", pretrained, images, labels, mode, _config(ctx, **SMALL))
    if not isinstance(model, nn.Module) or not isinstance(getattr(model, "head", None), nn.Linear):
        fail(f"{call} returned {short(model)}: expected the trained model, with its .head.")
    if not steps:
        fail(f"{call} took no optimizer step: train the model it returns.")
    return model, steps, call


def _started_from(model: Any, steps: list[Step], pretrained: Any) -> bool | None:
    """Whether the backbone the optimizer stepped first held the pretrained weights (None if
    the optimizer held none of the backbone's parameters)."""
    first = steps[0].values
    pairs = [
        (first[id(p)], q)
        for p, q in zip(model.backbone.parameters(), pretrained.backbone.parameters(), strict=True)
        if id(p) in first
    ]
    if not pairs:
        return None
    return all(a.shape == q.shape and torch.equal(a, q) for a, q in pairs)


@check(
    "fine_tune: frozen keeps the pretrained backbone; full starts from it; scratch does not",
    hint="finetune",
)
def fine_tuning(ctx: Context) -> None:
    images, labels = _bars(40, 5, seed=5)
    pretrained = _pretend_pretrained(ctx, seed=5)
    before = _digest(pretrained)
    counts = {}
    for mode in MODES:
        model, steps, call = _fine_tune(ctx, pretrained, images, labels, mode)
        counts[mode] = len(steps)
        expect(
            _digest(pretrained) == before,
            f"{call} changed the pretrained model it was given: fine-tune a copy "
            "(replace_head copies it).",
        )
        expect(
            model.head.out_features == 5,
            f"{call} returned a head with {model.head.out_features} outputs: one per class of "
            "the labels (5).",
        )
        trainable = [p for p in model.parameters() if p.requires_grad]
        expect(
            _same_objects(steps[0].params, trainable),
            f"{call}: the optimizer's parameter groups do not hold exactly the parameters that "
            "require gradients.",
        )
        started = _started_from(model, steps, pretrained)
        changed = _digest(model.backbone) != _digest(pretrained.backbone)
        if mode == "frozen":
            expect(
                not changed,
                f"{call} changed the backbone: the frozen backbone keeps the pretrained "
                "weights exactly (their hash is compared); only the new head trains.",
            )
            expect(
                not any(p.requires_grad for p in model.backbone.parameters()),
                f"{call} returned a backbone whose parameters require gradients: freeze it "
                "(freeze_backbone), so that no optimizer can change it.",
            )
        elif mode == "full":
            expect(
                started is True,
                f"{call}: the backbone the optimizer stepped did not start from the pretrained "
                "weights: replace the head of (a copy of) the pretrained model, then train "
                "everything.",
            )
            expect(changed, f"{call} left the backbone as it was: in full fine-tuning it trains.")
        else:
            expect(
                started is False,
                f"{call}: the optimizer did not step a fresh backbone: from scratch means a new "
                "make_model(...), none of the pretrained weights.",
            )
        expect(
            not torch.equal(
                steps[0].values.get(id(model.head.weight), model.head.weight),
                pretrained.head.weight,
            ),
            f"{call} started from the pretrained head: the new task gets a new head.",
        )
    expect(
        len(set(counts.values())) == 1 and counts["full"] == _batches(40, SMALL),
        f"The three modes took {counts} optimizer steps on the same images and TrainConfig: "
        f"the same budget for each, {_batches(40, SMALL)} steps (epochs x batches).",
    )
    expect_raises(
        ValueError,
        _call,
        ctx,
        "fine_tune",
        pretrained,
        images,
        labels,
        "partial",
        _config(ctx, **SMALL),
        call="fine_tune(..., 'partial', ...)",
        mentions=("mode",),
    )


@check(
    "compare: one row per mode, its model, its accuracy and its steps, as measured", hint="compare"
)
def comparing(ctx: Context) -> None:
    images, labels = _bars(40, 5, seed=6)
    test_images, test_labels = _bars(60, 5, seed=7)
    pretrained = _pretend_pretrained(ctx, seed=6)
    config = _config(ctx, **SMALL)
    with _steps() as steps:
        rows = _call(ctx, "compare", pretrained, images, labels, test_images, test_labels, config)
    _rows(rows, "compare(<40 images>, <60 test images>)")
    expect(
        len(steps) == 3 * _batches(40, SMALL),
        f"compare(...) took {len(steps)} optimizer steps: expected three runs of "
        f"{_batches(40, SMALL)} (one per mode, the same budget).",
    )
    for row in rows:
        mode = row["mode"]
        expect_close(
            float(row["accuracy"]),
            _accuracy(row["model"], test_images, test_labels),
            what=f"compare(...): the accuracy of {mode!r} on the test images (recomputed)",
            atol=1e-6,
            note="Score the row's model on the test images given, in eval mode.",
        )
        expect_equal(
            int(row["steps"]),
            _batches(40, SMALL),
            call=f"compare(...): the steps of {mode!r}",
            note="The optimizer steps of its run: epochs x ceil(N / batch_size).",
        )


def _rows(rows: Any, call: str) -> None:
    modes = (
        [r.get("mode") if isinstance(r, dict) else r for r in rows]
        if isinstance(rows, list)
        else []
    )
    if modes != list(MODES):
        fail(f"{call} returned {short(rows)}: a list of three dicts, modes {list(MODES)} in order.")
    for row in rows:
        missing = [k for k in ("mode", "model", "accuracy", "steps") if k not in row]
        if missing:
            fail(f"{call}: the row of {row['mode']!r} has no {', '.join(missing)}.")
        if not isinstance(row["model"], nn.Module):
            fail(f"{call}: the row of {row['mode']!r} holds {short(row['model'])}, not a model.")


# --- the expensive run: once per grading ---------------------------------------------------------


@cache
def _data() -> dict[str, tuple[Tensor, Tensor]]:
    """The checks' images, 14 x 14 in [0, 1], loaded before any learner code runs."""
    from airoadmap.datasets import load_arrays

    try:
        x_train, y_train = load_arrays(DATASET, split="train")
        x_test, y_test = load_arrays(DATASET, split="test")
    except DatasetError as exc:
        raise GradingError(f"m09-transfer's checks need Fashion-MNIST: {exc}") from exc

    def take(x: Array, y: Array, rows: Array, offset: int) -> tuple[Tensor, Tensor]:
        pixels = torch.from_numpy(x[rows]).float().div(255).unsqueeze(1)
        small = nn.functional.avg_pool2d(pixels, 2)
        return small, torch.from_numpy(y[rows].astype(np.int64) - offset)

    rng = np.random.default_rng(SELECTION_SEED)
    target = np.concatenate(
        [
            rng.choice(np.flatnonzero(y_train == c), TARGET_PER_CLASS, replace=False)
            for c in range(5, 10)
        ]
    )
    return {
        "source": take(x_train, y_train, np.flatnonzero(y_train < 5)[:SOURCE_IMAGES], 0),
        "source_test": take(x_test, y_test, np.flatnonzero(y_test < 5)[:SOURCE_HELD_OUT], 0),
        "target": take(x_train, y_train, target, 5),
        "target_test": take(x_test, y_test, np.flatnonzero(y_test >= 5)[:TARGET_HELD_OUT], 5),
    }


@dataclass(frozen=True)
class Run:
    pretrained: Any
    digest: str
    rows: list[dict[str, Any]]


def _run(ctx: Context) -> Run:
    def compute() -> Run:
        data = _data()
        pretrained = _call(ctx, "pretrain", *data["source"], _config(ctx, **PRETRAIN))
        if not isinstance(pretrained, nn.Module):
            fail(f"pretrain(...) returned {short(pretrained)}, expected the trained model.")
        digest = _digest(pretrained)
        rows = _call(
            ctx,
            "compare",
            pretrained,
            *data["target"],
            *data["target_test"],
            _config(ctx, **FINE_TUNE),
        )
        _rows(rows, "compare(<250 images of classes 5-9>, ...)")
        return Run(pretrained, digest, rows)

    return once(ctx, "run", compute)


@check(
    "pretraining learns classes 0-4, and transfer beats training from scratch on 5-9", hint="bar"
)
def transfer_bar(ctx: Context) -> None:
    run = _run(ctx)
    data = _data()
    source = _accuracy(run.pretrained, *data["source_test"])
    expect_bar(ctx, "source_accuracy", source)
    expect(
        _digest(run.pretrained) == run.digest,
        "compare(...) changed the pretrained model it was given: fine-tune copies.",
    )
    models = {row["mode"]: row["model"] for row in run.rows}
    expect(
        _digest(models["frozen"].backbone) == _digest(run.pretrained.backbone),
        "The frozen model of compare(...) has a backbone that differs from the pretrained one.",
    )
    scores = {mode: _accuracy(model, *data["target_test"]) for mode, model in models.items()}
    for mode, score in scores.items():
        ctx.record(f"accuracy_{mode}", score)
    shown = ", ".join(f"{m} {s:.3f}" for m, s in scores.items())
    best = max(scores["frozen"], scores["full"])
    expect_bar(
        ctx,
        "transfer_gain",
        best - scores["scratch"],
        note=f"(the checks measured {shown} on {TARGET_HELD_OUT} held-out images; "
        f"{ctx.bar('transfer_gain').why})",
    )
