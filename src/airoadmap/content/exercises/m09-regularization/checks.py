"""Checks of m09-regularization: weight decay, dropout, augmentation and early stopping on
1,000 Fashion-MNIST images, each alone and all together.

The checks load Fashion-MNIST's training split themselves and draw, seeded, 1,000 training
and 1,000 validation images (pixels / 255, shape (N, 1, 28, 28)); while the learner's code
runs, the data set's files are fenced off. The cheap checks come first, each on its own
small input: make_runs(), augment() on 64 images, make_model()'s dropout, weight decay
on two short runs of 300 images, EarlyStopping driven by scripted losses, the learning
curves of two 3-epoch runs. Then the six runs of make_runs() are trained once per grading
run (each on its own, cached), and the checks recompute every reported figure from the model
a run keeps: its training and validation accuracy, the gap, and the history entry of the
epoch it kept. The bars compare "all" with "none", on the checks' own figures.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from airoadmap.errors import DatasetError, GradingError
from airoadmap.grading.api import Context, check, expect, expect_bar, fail, short
from airoadmap.grading.kit import fence
from airoadmap.grading.kit.modelcheck import once
from airoadmap.grading.kit.needs import TORCH, need

torch = need("torch", exercise="m09-regularization", install=TORCH)
nn = torch.nn
F = torch.nn.functional

MODULE = "regularization"
DATASET = "fashion-mnist"
SPLIT_SEED = 0
N_TRAIN = 1000
N_VAL = 1000
CONFIG_FIELDS = (
    "epochs", "batch_size", "lr", "weight_decay", "dropout", "augment", "patience", "seed"
)  # fmt: skip
# Each regularizer: the run that turns it on alone, the Config field, its "off" value.
REGULARIZERS = {
    "weight_decay": ("weight_decay", 0.0),
    "dropout": ("dropout", 0.0),
    "augmentation": ("augment", False),
    "early_stopping": ("patience", None),
}
RUN_NAMES = ("none", *REGULARIZERS, "all")
# augment(): 64 images; at least this share must change, and at least this share must be
# nearer (Euclidean) to their own image, mirrored or not and shifted by up to NEAR_SHIFT
# pixels, than to any other image of the batch.
AUGMENT_IMAGES = 64
MIN_CHANGED = 0.5
MIN_OWN_NEAREST = 0.9
NEAR_SHIFT = 3
# Dropout: a batch of this many images through make_model(DROPOUT_CHECK, seed).
DROPOUT_IMAGES = 32
DROPOUT_CHECK = 0.5
# Dropout on the logits zeroes about half of them in training mode; after the hidden layer
# an exact 0 in the output is rare.
MAX_ZERO_LOGITS = 0.1
# Weight decay: the run "weight_decay" and the same run with weight_decay 0, on this many
# training images; the decayed weights' L2 norm must be at most this share of the other's.
WD_IMAGES = 300
WD_MAX_NORM_RATIO = 0.995  # the reference: 0.9863
# EarlyStopping(patience=2) driven by scripted validation losses: the best epoch is 2, and
# the stop comes after epoch 4; with ties (no improvement), the best epoch is 2, stop at 5.
STOP_SCRIPT = (1.5, 1.0, 1.2, 1.1, 1.3, 0.4, 0.3)
STOP_PATIENCE = 2
TIE_SCRIPT = (1.0, 0.8, 0.8, 0.8, 0.9, 0.5)
TIE_PATIENCE = 3
# Learning curves: two short runs (this many epochs, images) are plotted.
CURVE_EPOCHS = 3
CURVE_IMAGES = 200
# The runs the checks train in full and recompute: all six (each regularizer alone too: the
# learner reports the gap of each).
RECOMPUTED_RUNS = RUN_NAMES
# Reported accuracies are counts over 1,000 images: equal to the checks' up to rounding.
ACCURACY_ATOL = 1e-6
LOSS_RTOL = 1e-4
# Without dropout and augmentation, an epoch's train_loss (the mean loss of its steps, each
# before its update) is near the loss of the model after the epoch: the reference's ratios
# are 1.10 to 1.16.
TRAIN_LOSS_BAND = (0.5, 2.0)

Tensor = Any  # torch.Tensor (torch is imported through `need`)


# --- the learner's code, with the data set fenced off ---------------------------------------


LEARNER = fence.FencedModule(DATASET, "Fashion-MNIST", MODULE)  # kit/fence.py
_learner, _module, _call = LEARNER.running, LEARNER.load, LEARNER.call


# --- data --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Images:
    """The checks' draw: 1,000 training and 1,000 validation images with their labels."""

    train_x: Tensor
    train_y: Tensor
    val_x: Tensor
    val_y: Tensor

    def args(self, n_train: int = N_TRAIN, n_val: int = N_VAL) -> tuple[Tensor, ...]:
        """Copies for the learner's train(): what it changes stays with it."""
        return (self.train_x[:n_train].clone(), self.train_y[:n_train].clone(),
                self.val_x[:n_val].clone(), self.val_y[:n_val].clone())  # fmt: skip


@cache
def _images() -> Images:
    from airoadmap.datasets import load_arrays

    try:
        X, y = load_arrays(DATASET, split="train")
    except DatasetError as exc:
        raise GradingError(f"m09-regularization's checks need Fashion-MNIST: {exc}") from exc
    order = np.random.default_rng(SPLIT_SEED).permutation(len(X))

    def tensors(rows: np.ndarray) -> tuple[Tensor, Tensor]:
        images = torch.as_tensor(X[rows], dtype=torch.float32).unsqueeze(1) / 255.0
        return images, torch.as_tensor(y[rows], dtype=torch.int64)

    train_x, train_y = tensors(order[:N_TRAIN])
    val_x, val_y = tensors(order[N_TRAIN : N_TRAIN + N_VAL])
    return Images(train_x, train_y, val_x, val_y)


# --- the learner's runs ------------------------------------------------------------------------


def _runs_table(ctx: Context) -> dict[str, Any]:
    """The learner's make_runs(), once per grading run."""
    return once(ctx, "runs_table", lambda: _check_runs(_call(ctx, "make_runs")))


def _check_runs(runs: Any) -> dict[str, Any]:
    if not isinstance(runs, dict) or set(runs) != set(RUN_NAMES):
        got = sorted(runs) if isinstance(runs, dict) else type(runs).__name__
        fail(f"make_runs() must return a dict with the keys {list(RUN_NAMES)}; got {got}.")
    for name, config in runs.items():
        if not dataclasses.is_dataclass(config) or isinstance(config, type):
            fail(f"make_runs()[{name!r}] is {short(config)}: make each a Config(...).")
        missing = [f for f in CONFIG_FIELDS if not hasattr(config, f)]
        if missing:
            fail(f"make_runs()[{name!r}] has no field {', '.join(missing)}: keep the "
                 "starter's Config.")  # fmt: skip
    return runs


def _train(ctx: Context, config: Any, images: tuple[Tensor, ...], what: str) -> Any:
    """The learner's train(config, ...) and the Run it returns, checked for shape."""
    run = _call(ctx, "train", config, *images)
    for field in ("model", "history", "train_accuracy", "val_accuracy", "gap"):
        if not hasattr(run, field):
            fail(f"train() for {what} returned {short(run)}, which has no {field}: return a Run.")
    if not isinstance(run.model, nn.Module):
        fail(f"train() for {what}: run.model is {short(run.model)}, expected the nn.Module.")
    history = run.history
    if not (isinstance(history, list) and history and all(isinstance(r, dict) for r in history)):
        fail(f"train() for {what}: run.history is {short(history)}: a list of one dict per epoch.")
    keys = ("epoch", "train_loss", "val_loss", "val_accuracy")
    for row in history:
        missing = [k for k in keys if k not in row]
        if missing:
            fail(f"train() for {what}: the history entry {short(row)} has no {missing[0]!r}.")
    return run


def _full_run(ctx: Context, name: str) -> Any:
    """runs[name] trained on the 1,000 images, once per grading run."""

    def run() -> Any:
        config = _runs_table(ctx)[name]
        return _train(ctx, config, _images().args(), f"the run {name!r}")

    return once(ctx, f"run:{name}", run)


@torch.no_grad()
def _measure(model: Any, images: Tensor, labels: Tensor) -> tuple[float, float]:
    """The checks' own (mean cross-entropy, accuracy), in eval mode."""
    model.eval()
    logits: Any = None
    with _learner("the model of a run ran"):
        logits = model(images.clone())
    if not (isinstance(logits, torch.Tensor) and tuple(logits.shape) == (len(labels), 10)):
        fail(f"The model of a run gives {short(logits)} for {len(labels)} images: "
             "expected logits of shape (N, 10).")  # fmt: skip
    loss = float(F.cross_entropy(logits.float(), labels))
    return loss, float((logits.argmax(dim=1) == labels).double().mean())


def _figures(ctx: Context, name: str) -> tuple[float, float]:
    """(training accuracy, validation accuracy) of runs[name]'s model, measured by the checks."""

    def measure() -> tuple[float, float]:
        model = _full_run(ctx, name).model
        d = _images()
        return _measure(model, d.train_x, d.train_y)[1], _measure(model, d.val_x, d.val_y)[1]

    return once(ctx, f"figures:{name}", measure)


def _shown(value: Any) -> str:
    return f"{value:.4f}" if isinstance(value, float | int) else short(value)


def _norm(model: Any) -> float:
    return math.sqrt(sum(float((p.detach().double() ** 2).sum()) for p in model.parameters()))


def _share_nearest_own(new: Tensor, images: Tensor) -> float:
    """The share of `new` whose nearest (Euclidean) variant of `images` (each mirrored or
    not, rolled by up to NEAR_SHIFT pixels along each axis) is a variant of its own image."""
    steps = range(-NEAR_SHIFT, NEAR_SHIFT + 1)
    variants = [
        torch.roll(picture, shifts=(dy, dx), dims=(-2, -1)).flatten(1)
        for picture in (images, images.flip(-1))
        for dy in steps
        for dx in steps
    ]
    distance = torch.stack([torch.cdist(new.flatten(1), v) for v in variants]).amin(dim=0)
    return float((distance.argmin(dim=1) == torch.arange(len(images))).double().mean())


# --- the checks -------------------------------------------------------------------------------


@check("make_runs: none, each regularizer alone, all together, on one budget", hint="runs")
def runs_table(ctx: Context) -> None:
    runs = _runs_table(ctx)
    none = runs["none"]
    for name, (field, off) in REGULARIZERS.items():
        expect(
            getattr(none, field) == off,
            f"The run 'none' has {field}={getattr(none, field)!r}: the baseline runs without "
            f"any regularizer ({field}={off!r}).",
        )
        alone = runs[name]
        expect(
            getattr(alone, field) != off,
            f"The run {name!r} has {field}={getattr(alone, field)!r}, which is off: turn it on.",
        )
        expected = dataclasses.replace(none, **{field: getattr(alone, field)})
        differ = {
            f.name: getattr(alone, f.name)
            for f in dataclasses.fields(alone)
            if getattr(alone, f.name) != getattr(expected, f.name, None)
        }
        expect(
            not differ,
            f"The run {name!r} differs from the run 'none' in more than {field}: also in "
            f"{differ}. Each run alone must be the baseline with that one regularizer turned "
            "on, or the comparison says nothing about it.",
        )
        expect(
            getattr(runs["all"], field) == getattr(alone, field),
            f"The run 'all' has {field}={getattr(runs['all'], field)!r}, but the run {name!r} "
            f"uses {getattr(alone, field)!r}: 'all' combines the settings of the runs alone.",
        )
    for field in ("epochs", "batch_size", "lr", "seed"):
        expect(
            getattr(runs["all"], field) == getattr(none, field),
            f"The run 'all' has {field}={getattr(runs['all'], field)!r} but the run 'none' "
            f"{getattr(none, field)!r}: every run gets the same budget and settings.",
        )


@check("augment keeps shapes and labels, changes the images, and is seeded", hint="augmentation")
def augment_images(ctx: Context) -> None:
    d = _images()
    images, labels = d.train_x[:AUGMENT_IMAGES], d.train_y[:AUGMENT_IMAGES]
    given = images.clone()

    def call(seed: int, global_seed: int) -> tuple[Tensor, Tensor]:
        torch.manual_seed(global_seed)  # the global state must not matter
        out = _call(ctx, "augment", given, labels.clone(), torch.Generator().manual_seed(seed))
        if not (isinstance(out, tuple | list) and len(out) == 2):
            fail(f"augment(images, labels, generator) returned {short(out)}: return "
                 "(images, labels).")  # fmt: skip
        new, new_labels = out
        if not (isinstance(new, torch.Tensor) and isinstance(new_labels, torch.Tensor)):
            fail(f"augment returned {short(out)}: return two tensors (images, labels).")
        return new, new_labels

    first, first_labels = call(1, 100)
    expect(
        torch.equal(given, images),
        "augment changed the images tensor it was given: build new tensors (the training "
        "images must stay as they are for the next epoch).",
    )
    expect(
        tuple(first.shape) == tuple(images.shape) and first.dtype == images.dtype,
        f"augment turned images of shape {tuple(images.shape)} ({images.dtype}) into "
        f"{tuple(first.shape)} ({first.dtype}): keep the shape and dtype.",
    )
    expect(
        torch.equal(first_labels, labels),
        "augment changed the labels: a mirrored or shifted image of a shirt is still a "
        "shirt, so return the labels as they were, in the same order.",
    )
    changed = ctx.record(
        "augment_share_changed", float((first != images).flatten(1).any(dim=1).double().mean())
    )
    expect(
        changed >= MIN_CHANGED,
        f"augment changed only {changed:.0%} of {AUGMENT_IMAGES} images (at least "
        f"{MIN_CHANGED:.0%} expected): each image should get a random variant.",
    )
    expect(
        float(first.min()) >= float(images.min()) - 1e-6
        and float(first.max()) <= float(images.max()) + 1e-6,
        f"augment made pixels from {float(first.min()):.3g} to {float(first.max()):.3g}, "
        f"outside the images' range {float(images.min()):.3g}..{float(images.max()):.3g}.",
    )
    # Each variant must still be its own image (labels kept means the picture is the same
    # garment): nearer to its original, mirrored or shifted a few pixels, than to any other.
    own = ctx.record("augment_share_nearest_own", _share_nearest_own(first, images))
    expect(
        own >= MIN_OWN_NEAREST,
        f"Only {own:.0%} of the augmented images are nearer to their own image (mirrored "
        f"and shifted by up to {NEAR_SHIFT} pixels) than to another image of the batch (at "
        f"least {MIN_OWN_NEAREST:.0%} expected): keep each image with its own label, and "
        "change it only a little.",
    )
    again, _ = call(1, 200)
    expect(
        torch.equal(again, first),
        "augment with generators of the same seed gave different images: draw every "
        "random number from the generator it is given (torch.rand(..., generator=...)).",
    )
    other, _ = call(2, 100)
    expect(
        not torch.equal(other, first),
        "augment gave the same images for generators of seeds 1 and 2: draw the random "
        "choices from the generator.",
    )


@check("make_model drops units in training mode only", hint="dropout")
def dropout_train_only(ctx: Context) -> None:
    x = _images().val_x[:DROPOUT_IMAGES]
    model = _call(ctx, "make_model", DROPOUT_CHECK, seed=3)
    plain = _call(ctx, "make_model", 0.0, seed=3)
    other = _call(ctx, "make_model", DROPOUT_CHECK, seed=4)
    for m, call in ((model, f"make_model({DROPOUT_CHECK}, seed=3)"), (plain, "make_model(0.0)")):
        if not isinstance(m, nn.Module):
            fail(f"{call} returned {short(m)}: return the nn.Module.")
    with torch.no_grad():
        model.eval()
        eval_a, eval_b = model(x.clone()), model(x.clone())
        plain.eval()
        reference = plain(x.clone())
        expect(
            torch.equal(eval_a, eval_b) and torch.allclose(eval_a, reference, atol=1e-6),
            f"In eval mode, make_model({DROPOUT_CHECK}, seed=3) gives outputs that change "
            "from call to call or differ from make_model(0.0, seed=3)'s: dropout must do "
            "nothing in eval mode, and the weights depend only on the seed.",
        )
        other.eval()
        expect(
            not torch.allclose(other(x.clone()), eval_a),
            "make_model(..., seed=3) and make_model(..., seed=4) give the same outputs: "
            "seed the initial weights.",
        )
        model.train()
        train_a, train_b = model(x.clone()), model(x.clone())
        expect(
            not torch.allclose(train_a, eval_a) and not torch.allclose(train_a, train_b),
            f"In training mode, make_model({DROPOUT_CHECK}) gives the same outputs as in "
            "eval mode, or the same twice: put an nn.Dropout(dropout) after the hidden "
            "layer, so that training mode drops random units.",
        )
        plain.train()
        expect(
            torch.allclose(plain(x.clone()), reference, atol=1e-6),
            "make_model(0.0) in training mode differs from eval mode: with dropout 0 "
            "nothing should be random.",
        )
        zeros = ctx.record("dropout_share_zero_logits", float((train_a == 0).double().mean()))
        expect(
            zeros <= MAX_ZERO_LOGITS,
            f"In training mode, {zeros:.0%} of make_model({DROPOUT_CHECK})'s outputs are "
            "exactly 0: the dropout acts on the logits. Put nn.Dropout after the hidden "
            "layer's ReLU, before the output layer.",
        )
    default = _call(ctx, "make_model")
    seeded = _call(ctx, "make_model", 0.0, seed=0)
    if not isinstance(default, nn.Module):
        fail(f"make_model() returned {short(default)}: return the nn.Module.")
    with torch.no_grad():
        default.train()
        seeded.eval()
        expect(
            torch.allclose(default(x.clone()), seeded(x.clone()), atol=1e-6),
            "make_model() in training mode differs from make_model(0.0, seed=0) in eval "
            "mode: the defaults are dropout=0.0 and seed=0.",
        )


@check("weight decay shrinks the weights, against the same run without it", hint="weight_decay")
def weight_decay_shrinks(ctx: Context) -> None:
    config = _runs_table(ctx)["weight_decay"]
    images = _images().args(WD_IMAGES, WD_IMAGES)
    decayed = _train(ctx, config, images, "the run 'weight_decay'").model
    without = dataclasses.replace(config, weight_decay=0.0)
    plain = _train(ctx, without, images, "the run 'weight_decay' with weight_decay=0").model
    ratio = ctx.record("weight_norm_ratio", _norm(decayed) / _norm(plain))
    expect(
        ratio <= WD_MAX_NORM_RATIO,
        f"On {WD_IMAGES} training images, the run 'weight_decay' ends with weights whose L2 "
        f"norm is {ratio:.4f} times that of the same run with weight_decay=0 (at most "
        f"{WD_MAX_NORM_RATIO} expected): pass config.weight_decay to the optimizer (e.g. "
        "torch.optim.AdamW(..., weight_decay=config.weight_decay)), with a value that does "
        "something.",
    )


def _script(ctx: Context, losses: tuple[float, ...], patience: int) -> tuple[int, float]:
    """Drive the learner's EarlyStopping with `losses`; a one-weight model holds the epoch
    number. Returns (the epoch whose step said stop, the weight after restore)."""
    stopper = _call(ctx, "EarlyStopping", patience)
    model = nn.Linear(1, 1, bias=False)
    stopped = 0
    for epoch, loss in enumerate(losses, start=1):
        with torch.no_grad():
            model.weight.fill_(float(epoch))  # in place, as an optimizer step changes weights
        with _learner("EarlyStopping.step() ran"):
            stop = stopper.step(loss, model)
        if stop:
            stopped = epoch
            break
    with torch.no_grad():
        model.weight.fill_(-1.0)
    with _learner("EarlyStopping.restore() ran"):
        stopper.restore(model)
    return stopped, float(model.weight.detach())


@check("EarlyStopping stops after `patience` epochs without improvement, best weights back",
       hint="early_stopping")  # fmt: skip
def early_stopping(ctx: Context) -> None:
    for losses, patience, best, stop in ((STOP_SCRIPT, STOP_PATIENCE, 2, 4),
                                         (TIE_SCRIPT, TIE_PATIENCE, 2, 5)):  # fmt: skip
        stopped, weight = _script(ctx, losses, patience)
        shown = ", ".join(f"{x:g}" for x in losses)
        expect(
            stopped == stop,
            f"EarlyStopping(patience={patience}) with the validation losses {shown}: step() "
            f"said stop after epoch {stopped or 'never'}, expected after epoch {stop} (the "
            f"best is epoch {best}; an epoch improves only with a strictly lower loss, and "
            f"training stops after {patience} epochs in a row without improvement).",
        )
        expect(
            weight == float(best),
            f"EarlyStopping(patience={patience}) with the validation losses {shown}: "
            f"after restore() the weight is {weight:g}, expected {best:g}, the best epoch's "
            "(the checks set it to the epoch number before each step, and to -1 after the "
            "last). Keep a copy (copy.deepcopy(model.state_dict())) of the best epoch's "
            "weights: the state dict itself changes with the model.",
        )


@check("the learning curves are saved as a PNG and show the runs", hint="curves")
def curves_plotted(ctx: Context) -> None:
    import matplotlib.image

    runs_table = _runs_table(ctx)
    runs = {
        name: _train(
            ctx,
            dataclasses.replace(runs_table[name], epochs=CURVE_EPOCHS, patience=None),
            _images().args(CURVE_IMAGES, CURVE_IMAGES),
            f"the run {name!r} cut to {CURVE_EPOCHS} epochs",
        )
        for name in ("none", "all")
    }
    pictures = []
    with ctx.scratch() as folder:
        for version in ("first", "changed"):
            path = _call(ctx, "plot_curves", runs, folder / f"curves_{version}.png")
            if not Path(path).is_file():
                fail(f"plot_curves returned {short(path)}, but no such file was written.")
            try:
                image = matplotlib.image.imread(Path(path))
            except (OSError, ValueError, SyntaxError) as exc:
                fail(f"plot_curves wrote {Path(path).name}, not a readable PNG ({exc}).")
            height, width = image.shape[:2]
            expect(
                height >= 100 and width >= 100 and float(np.ptp(image)) > 0.1,
                f"plot_curves wrote a {width}x{height} image of nearly one colour: draw the "
                "training and validation curves of each run.",
            )
            pictures.append(image)
            for run in runs.values():  # the second picture: validation losses doubled
                for row in run.history:
                    row["val_loss"] = 2 * row["val_loss"]
    first, changed = pictures
    expect(
        first.shape != changed.shape or not np.array_equal(first, changed),
        "plot_curves drew the same picture after every validation loss in the histories "
        "was doubled: plot each run's history (train_loss and val_loss per epoch).",
    )


@check("each run's accuracies, gap and history agree with its model", hint="report")
def runs_recomputed(ctx: Context) -> None:
    d = _images()
    for name in RECOMPUTED_RUNS:
        run = _full_run(ctx, name)
        config = _runs_table(ctx)[name]
        train_acc, val_acc = _figures(ctx, name)
        ctx.record(f"gap_{name}", train_acc - val_acc)
        for what, reported, measured in (
            ("train_accuracy", run.train_accuracy, train_acc),
            ("val_accuracy", run.val_accuracy, val_acc),
            ("gap", run.gap, train_acc - val_acc),
        ):
            expect(
                isinstance(reported, float | int) and abs(reported - measured) <= ACCURACY_ATOL,
                f"The run {name!r} reports {what} {_shown(reported)}, but its model scores "
                f"{measured:.4f} (measured by the checks, in eval mode, on the unaugmented "
                f"{N_TRAIN} training and {N_VAL} validation images).",
            )
        history = run.history
        epochs = [row["epoch"] for row in history]
        expect(
            epochs == list(range(1, len(history) + 1)) and len(history) <= config.epochs,
            f"The run {name!r}: the history's epochs are {epochs}: one entry per epoch run, "
            f"counted from 1, at most {config.epochs}.",
        )
        losses = [row["val_loss"] for row in history]
        if config.patience is None:
            kept = len(history)
            expect(
                kept == config.epochs,
                f"The run {name!r} has no early stopping but ran {kept} of {config.epochs} epochs.",
            )
        else:
            kept = 1 + int(np.argmin(losses))  # the first epoch with the lowest loss
            stop = min(config.epochs, kept + config.patience)
            expect(
                len(history) == stop,
                f"The run {name!r} (patience {config.patience}) ran {len(history)} epochs, but "
                f"its history's lowest validation loss is at epoch {kept}: it should stop "
                f"after epoch {stop}.",
            )
        loss, accuracy = _measure(run.model, d.val_x, d.val_y)
        row = history[kept - 1]
        expect(
            math.isclose(row["val_loss"], loss, rel_tol=LOSS_RTOL)
            and abs(row["val_accuracy"] - accuracy) <= ACCURACY_ATOL,
            f"The run {name!r}: the history says epoch {kept} (the epoch the run keeps) had "
            f"val_loss {row['val_loss']:.4f} and val_accuracy {row['val_accuracy']:.4f}, but "
            f"the model the run returns scores {loss:.4f} and {accuracy:.4f} on the "
            "validation images: return the model of that epoch, and record what it scored.",
        )
        model = run.model
        with torch.no_grad(), _learner("the model of a run ran"):
            model.train()
            first, second = model(d.val_x[:DROPOUT_IMAGES]), model(d.val_x[:DROPOUT_IMAGES])
        model.eval()
        expect(
            torch.equal(first, second) == (not config.dropout),
            f"The run {name!r} has dropout={config.dropout!r}, but its model in training "
            f"mode gives {'equal' if torch.equal(first, second) else 'different'} outputs "
            "for the same images twice: build the model with make_model(config.dropout, "
            "config.seed).",
        )
        if config.dropout or config.augment:
            continue  # the steps saw other pictures or dropped units: no fixed yardstick
        fitted = _measure(run.model, d.train_x, d.train_y)[0]
        low, high = TRAIN_LOSS_BAND
        expect(
            low * fitted <= row["train_loss"] <= high * fitted,
            f"The run {name!r}: the history's train_loss of epoch {kept} is "
            f"{row['train_loss']:.4g}, but the model after that epoch has a training loss of "
            f"{fitted:.4g} (measured by the checks); expected between {low} and {high} times "
            "that. train_loss is the mean over the epoch's training images of the losses of "
            "its steps: add loss.item() * len(batch) and divide by the number of images.",
        )


@check("all regularizers together shrink the gap of the run without any", hint="bar")
def gap_shrinks(ctx: Context) -> None:
    none_train, none_val = _figures(ctx, "none")
    all_train, all_val = _figures(ctx, "all")
    gap_none = ctx.record("gap_none", none_train - none_val)
    gap_all = ctx.record("gap_all", all_train - all_val)
    expect_bar(
        ctx,
        "gap_reduction",
        gap_none - gap_all,
        note=f"(training minus validation accuracy, measured by the checks: {gap_none:.3f} "
        f"without regularization, {gap_all:.3f} with all four.)",
    )


@check("all regularizers together keep the validation accuracy", hint="bar")
def validation_kept(ctx: Context) -> None:
    _, none_val = _figures(ctx, "none")
    _, all_val = _figures(ctx, "all")
    ctx.record("val_accuracy_none", none_val)
    ctx.record("val_accuracy_all", all_val)
    expect_bar(
        ctx,
        "val_accuracy_drop",
        none_val - all_val,
        note=f"(validation accuracy {none_val:.3f} without regularization, {all_val:.3f} "
        "with all four: a smaller gap bought with a much worse model is no gain.)",
    )
