"""Checks of m08-genai-gan: a DCGAN or a VAE on Fashion-MNIST, the learner's choice (KIND).

The checks test the pieces of the kind chosen, each against the checks' own computation:
for a GAN the two losses (the non-saturating generator loss), the discriminator step (the
generated images detached: the generator gets no gradient) and the generator step, each
update replayed with the checks' own small networks and plain SGD; for a VAE the
reparameterisation (gradients reach mu and the log-variance, draws of the right mean and
spread), the KL term against its closed form, and the negative ELBO. Then train() runs on
small sets of Fashion-MNIST images: one history row per epoch, a PNG sample grid per epoch
(the last one must show the returned generator's images), the loss curves, seeded runs.

Last, train() runs once with the learner's Config on 4,000 training images, and a classifier
the checks train on 5,000 other images judges 1,000 samples: the Inception-style score
exp(E[KL(p(y|x) || p(y))]) (high when each sample is classified confidently AND the classes
vary) and the number of classes the samples cover must reach the bars, and the score must
beat the same network untrained.
"""

from __future__ import annotations

import dataclasses
import io
import math
from collections.abc import Callable
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
    raise GradingError("m08-genai-gan's checks need torch: pip install torch==2.13.0") from exc

MODULE = "genai_gan"
DATASET = "fashion-mnist"
SIDE = 28
GRID = 8  # the sample grid: 8 x 8 images of 28 x 28, 224 x 224 pixels
KINDS = {
    "gan": ("make_generator", "make_discriminator", "discriminator_loss", "generator_loss",
            "discriminator_step", "generator_step"),
    "vae": ("make_generator", "VAE", "reparameterize", "kl_divergence", "negative_elbo"),
}  # fmt: skip
COMMON = ("Config", "train")
CONFIG_FIELDS = ("epochs", "batch_size", "lr", "latent_dim", "seed")
LOSS_KEYS = {"gan": ("d_loss", "g_loss"), "vae": ("loss", "kl")}
RTOL = 1e-5
# Reparameterisation: 20,000 draws; the mean may stray 5 standard errors, the spread 3%.
DRAWS = 20_000
MEAN_SIGMAS = 5.0
STD_RTOL = 0.03
# The small runs of train(): the first images of the training set, 2 epochs of 3 batches.
SMALL_IMAGES = 192
SMALL = {"epochs": 2, "batch_size": 64}
GLOBAL_SEEDS = {"first": 1, "again": 2}  # torch's and NumPy's global seeds before a run
GREY_LEVELS = 1  # a grid pixel may differ from round(255 * image) by this much
# The bar: the learner's Config trains on the first BAR_IMAGES training images, at most
# MAX_EPOCHS epochs; SAMPLES latent vectors (seeded here) are drawn and classified.
BAR_IMAGES = 4_000
MAX_EPOCHS = 5
SAMPLES = 1_000
SAMPLE_SEED = 2024
COVERED_SHARE = 0.02  # a class counts as covered with at least 2% of the samples
MARGIN_OVER_UNTRAINED = 1.0  # the score must beat the untrained network's by this much
# The checks' classifier: a small CNN, trained on training images the learner never gets.
CLASSIFIER_FIRST = 30_000
CLASSIFIER_IMAGES = 5_000
CLASSIFIER_ROWS = slice(CLASSIFIER_FIRST, CLASSIFIER_FIRST + CLASSIFIER_IMAGES)
CLASSIFIER_EPOCHS = 2
CLASSIFIER_SEED = 123

Array = np.ndarray[Any, Any]


# --- loading the learner's code, with the data set fenced off ------------------------------


LEARNER = fence.FencedModule(DATASET, "Fashion-MNIST", MODULE)  # kit/fence.py
_learner, _module, _call = LEARNER.running, LEARNER.load, LEARNER.call


def _kind(ctx: Context) -> str:
    """The learner's KIND, after the names that kind needs."""
    module = _module(ctx)
    kind = getattr(module, "KIND", None)
    if kind not in KINDS:
        fail(f"{MODULE}.py sets KIND = {short(kind)}: set it to 'gan' or 'vae'.")
    missing = [n for n in KINDS[kind] + COMMON if getattr(module, n, None) is None]
    if missing:
        fail(f"KIND is {kind!r} but {MODULE}.py defines no {', '.join(missing)}: keep the "
             "names of the starter.")  # fmt: skip
    return str(kind)


def _config(ctx: Context, **changes: Any) -> Any:
    cls = getattr(_module(ctx), "Config", None)
    if not (isinstance(cls, type) and dataclasses.is_dataclass(cls)):
        fail(f"{MODULE}.py defines no dataclass Config: keep the starter's.")
    names = {f.name for f in dataclasses.fields(cls)}
    missing = [n for n in CONFIG_FIELDS if n not in names]
    if missing:
        fail(f"Config has no field {', '.join(missing)}: keep the starter's fields.")
    return dataclasses.replace(cls(), **changes)


@cache
def _fashion(split: str) -> tuple[Array, Array]:
    from airoadmap.datasets import load_arrays

    try:
        return load_arrays(DATASET, split=split)
    except DatasetError as exc:
        raise GradingError(f"m08-genai-gan's checks need Fashion-MNIST: {exc}") from exc


def _images(module_out: Any, rows: int, call: str) -> torch.Tensor:
    """What a generator returned: a float tensor (rows, 1, 28, 28) in [0, 1]."""
    shape = (rows, 1, SIDE, SIDE)
    expect(
        isinstance(module_out, torch.Tensor) and tuple(module_out.shape) == shape,
        f"{call} returned {type(module_out).__name__} of shape "
        f"{tuple(getattr(module_out, 'shape', ()))}, expected a tensor of shape {shape}.",
    )
    out = module_out.detach().float()
    expect(
        bool(torch.isfinite(out).all()) and float(out.min()) >= 0.0 and float(out.max()) <= 1.0,
        f"{call} gave pixels from {float(out.min()):.3g} to {float(out.max()):.3g}: images are "
        "in [0, 1] (end the generator with a sigmoid).",
    )
    return out


# --- the networks ---------------------------------------------------------------------------


@check("KIND names the model, and make_generator maps latent vectors to images in [0, 1]",
       hint="general")  # fmt: skip
def generator_maps_latents(ctx: Context) -> None:
    kind = _kind(ctx)
    for latent_dim, rows in ((16, 5), (8, 3)):
        call = f"make_generator({latent_dim})"
        net = _call(ctx, "make_generator", latent_dim)
        expect(isinstance(net, nn.Module), f"{call} returned {short(net)}, expected an nn.Module.")
        torch.manual_seed(0)
        z = torch.randn(rows, latent_dim)
        for mode in ("train", "eval"):
            getattr(net, mode)()
            with torch.no_grad():
                out = _images(net(z), rows, f"{call} in {mode} mode on z of shape {tuple(z.shape)}")
            expect(
                float((out - out[:1]).abs().max()) > 1e-4,
                f"{call} drew the same image for {rows} different latent vectors: the image "
                "must depend on z.",
            )
    if kind == "gan":
        net = _call(ctx, "make_discriminator")
        expect(isinstance(net, nn.Module), "make_discriminator() returned no nn.Module.")
        for rows in (5, 1):
            with torch.no_grad():
                out = net(torch.rand(rows, 1, SIDE, SIDE))
            expect(
                isinstance(out, torch.Tensor) and tuple(out.shape) == (rows,),
                f"make_discriminator() on images of shape ({rows}, 1, 28, 28) returned shape "
                f"{tuple(getattr(out, 'shape', ()))}, expected ({rows},): one logit per image.",
            )
    else:
        vae = _call(ctx, "VAE", 8)
        expect(isinstance(vae, nn.Module), "VAE(8) is no nn.Module.")
        x = torch.rand(4, 1, SIDE, SIDE)
        out = vae(x)
        expect(
            isinstance(out, tuple) and len(out) == 3,
            f"VAE(8)(x) returned {short(out)}: expected (reconstructions, mu, logvar).",
        )
        recon, mu, logvar = out
        _images(recon, 4, "VAE(8)(x)[0]")
        for name, value in (("mu", mu), ("logvar", logvar)):
            expect(
                isinstance(value, torch.Tensor) and tuple(value.shape) == (4, 8),
                f"VAE(8)(x) gave {name} of shape {tuple(getattr(value, 'shape', ()))}, "
                "expected (4, 8): one per image and latent dimension.",
            )


# --- the losses ------------------------------------------------------------------------------

REAL_LOGITS = (3.0, -1.0, 0.5, 8.0, -4.0)
FAKE_LOGITS = (-2.0, 1.5, -9.0, 0.0, 6.0)


def _scalar(value: Any, call: str) -> torch.Tensor:
    expect(
        isinstance(value, torch.Tensor) and value.ndim == 0,
        f"{call} returned {short(value)}: expected a scalar tensor (the mean over the batch).",
    )
    return value


def _gan_losses(ctx: Context) -> None:
    real = torch.tensor(REAL_LOGITS)
    fake = torch.tensor(FAKE_LOGITS, requires_grad=True)
    d = _scalar(_call(ctx, "discriminator_loss", real, fake.detach()), "discriminator_loss")
    wanted = F.softplus(-real).mean() + F.softplus(fake.detach()).mean()
    expect_close(
        float(d.detach()),
        float(wanted),
        what=f"discriminator_loss(real={list(REAL_LOGITS)}, fake={list(FAKE_LOGITS)})",
        rtol=RTOL,
        note="-log sigmoid(real) and -log(1 - sigmoid(fake)), each the mean over its batch, "
        "summed: binary cross-entropy with real labelled 1 and generated 0.",
    )
    g = _scalar(_call(ctx, "generator_loss", fake), "generator_loss")
    expect_close(
        float(g.detach()),
        float(F.softplus(-fake.detach()).mean()),
        what=f"generator_loss(fake={list(FAKE_LOGITS)})",
        rtol=RTOL,
        note="The non-saturating loss: -log sigmoid(fake) (the generated images labelled "
        "real), not log(1 - sigmoid(fake)), whose gradient vanishes while D wins.",
    )
    expect(g.requires_grad, "generator_loss returned no gradient: compute it with torch.")
    (grad,) = torch.autograd.grad(g, fake)
    expect_close(
        grad.numpy(),
        (-torch.sigmoid(-fake.detach()) / len(FAKE_LOGITS)).numpy(),
        what="the gradient of generator_loss with respect to the fake logits",
        rtol=1e-4,
        atol=1e-7,
    )


MU = ((0.5, -1.0, 2.0), (0.0, 0.3, -0.7), (1.5, 1.5, 0.0), (-2.0, 0.1, 0.4))
LOGVAR = ((0.0, -1.0, 1.2), (0.5, 0.0, -2.0), (-0.3, 0.8, 0.0), (1.0, -0.5, 0.2))


def _kl_reference(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, sigma^2) || N(0, 1)) = (sigma^2 + mu^2 - 1 - log sigma^2) / 2 per dimension,
    summed over the dimensions, the mean over the batch (float64)."""
    mu, logvar = mu.double(), logvar.double()
    return (0.5 * (logvar.exp() + mu**2 - 1 - logvar)).sum(dim=1).mean()


def _vae_losses(ctx: Context) -> None:
    mu, logvar = torch.tensor(MU), torch.tensor(LOGVAR)
    kl = _scalar(_call(ctx, "kl_divergence", mu, logvar), "kl_divergence")
    expect_close(
        float(kl.detach()),
        float(_kl_reference(mu, logvar)),
        what="kl_divergence(mu, logvar) on 4 rows of 3 latent dimensions",
        rtol=RTOL,
        note="In closed form, per dimension (exp(logvar) + mu^2 - 1 - logvar) / 2: summed "
        "over the latent dimensions, the mean over the rows.",
    )
    gen = torch.Generator().manual_seed(5)
    x = (torch.rand(4, 1, SIDE, SIDE, generator=gen) > 0.6).float() * 0.9
    recon = torch.rand(4, 1, SIDE, SIDE, generator=gen) * 0.98 + 0.01
    loss = _scalar(_call(ctx, "negative_elbo", x, recon, mu, logvar), "negative_elbo")
    bce = -(x * recon.log() + (1 - x) * (1 - recon).log()).double().sum() / 4
    expect_close(
        float(loss.detach()),
        float(bce + _kl_reference(mu, logvar)),
        what="negative_elbo(x, recon, mu, logvar) on 4 images",
        rtol=RTOL,
        note="Minus the ELBO: the binary cross-entropy of the reconstructions summed over "
        "the 784 pixels, plus the KL term, both the mean over the images.",
    )


@check("the losses of your KIND match their formulas", hint="losses")
def losses_match(ctx: Context) -> None:
    if _kind(ctx) == "gan":
        _gan_losses(ctx)
    else:
        _vae_losses(ctx)


# --- the update steps ------------------------------------------------------------------------

LR = 0.1


def _tiny_gan(seed: int) -> tuple[nn.Module, nn.Module]:
    """The checks' own generator (latent 4) and discriminator, any nn.Module must do."""
    torch.manual_seed(seed)
    generator = nn.Sequential(
        nn.Linear(4, SIDE * SIDE), nn.Sigmoid(), nn.Unflatten(1, (1, SIDE, SIDE))
    )
    discriminator = nn.Sequential(nn.Flatten(), nn.Linear(SIDE * SIDE, 1), nn.Flatten(0))
    return generator, discriminator


def _params(net: nn.Module) -> list[torch.Tensor]:
    return [p.detach().clone() for p in net.parameters()]


def _same(a: list[torch.Tensor], b: list[torch.Tensor], atol: float = 0.0) -> bool:
    return len(a) == len(b) and all(
        torch.allclose(x, y, rtol=0, atol=atol) for x, y in zip(a, b, strict=True)
    )


def _stale_gradients(net: nn.Module) -> None:
    """Leave gradients from an earlier step in net: a step must zero them before its own."""
    for p in net.parameters():
        p.grad = torch.full_like(p, 5.0)


def _sgd_reference(
    net: nn.Module, loss_of: Callable[[nn.Module], torch.Tensor]
) -> tuple[float, list[torch.Tensor]]:
    """The loss and the parameters after one SGD step of the checks' own, on a copy of net."""
    import copy

    twin = copy.deepcopy(net)
    loss = loss_of(twin)
    grads = torch.autograd.grad(loss, list(twin.parameters()))
    stepped = [p.detach() - LR * g for p, g in zip(twin.parameters(), grads, strict=True)]
    return float(loss.detach()), stepped


def _gan_steps(ctx: Context) -> None:
    generator, discriminator = _tiny_gan(1)
    gen = torch.Generator().manual_seed(2)
    real = torch.rand(6, 1, SIDE, SIDE, generator=gen)
    z = torch.randn(6, 4, generator=gen)
    g_before, d_before = _params(generator), _params(discriminator)
    with torch.no_grad():
        fake = generator(z)
    loss, d_after = _sgd_reference(
        discriminator, lambda d: F.softplus(-d(real)).mean() + F.softplus(d(fake)).mean()
    )
    _stale_gradients(discriminator)
    optimizer = torch.optim.SGD(discriminator.parameters(), lr=LR)
    got = _call(ctx, "discriminator_step", generator, discriminator, real, z, optimizer)
    expect(
        all(p.grad is None or not bool(p.grad.any()) for p in generator.parameters()),
        "discriminator_step left gradients in the generator's parameters: detach the generated "
        "images (generator(z).detach()), so that the discriminator's loss does not reach G.",
    )
    expect(
        _same(_params(generator), g_before),
        "discriminator_step changed the generator's weights: only the discriminator learns in "
        "its step.",
    )
    expect(
        isinstance(got, float) and math.isclose(got, loss, rel_tol=1e-4),
        f"discriminator_step returned {short(got)}, expected the loss before the update as a "
        f"float ({loss:.6g}): discriminator_loss(D(real), D(G(z))).",
    )
    expect(
        _same(_params(discriminator), d_after, atol=1e-5),
        "discriminator_step did not take one step of the optimizer it was given on "
        "discriminator_loss(D(real), D(G(z).detach())): the discriminator's weights are not "
        "those of the checks' own SGD step (zero the gradients, backward, optimizer.step()).",
    )
    generator, discriminator = _tiny_gan(3)
    g_before, d_before = _params(generator), _params(discriminator)
    loss, g_after = _sgd_reference(generator, lambda g: F.softplus(-discriminator(g(z))).mean())
    _stale_gradients(generator)
    optimizer = torch.optim.SGD(generator.parameters(), lr=LR)
    got = _call(ctx, "generator_step", generator, discriminator, z, optimizer)
    expect(
        _same(_params(discriminator), d_before),
        "generator_step changed the discriminator's weights: only the generator learns in its "
        "step.",
    )
    expect(
        isinstance(got, float) and math.isclose(got, loss, rel_tol=1e-4),
        f"generator_step returned {short(got)}, expected the loss before the update as a "
        f"float ({loss:.6g}): generator_loss(D(G(z))).",
    )
    expect(
        _same(_params(generator), g_after, atol=1e-5),
        "generator_step did not take one step of the optimizer it was given on "
        "generator_loss(D(G(z))): the generator's weights are not those of the checks' own SGD "
        "step (the gradient flows through D into G; zero the gradients first).",
    )


def _vae_steps(ctx: Context) -> None:
    mu = torch.tensor([[2.0, -1.0]]).repeat(DRAWS, 1)
    logvar = torch.tensor([[math.log(4.0), math.log(0.25)]]).repeat(DRAWS, 1)
    mu.requires_grad_(True)
    logvar.requires_grad_(True)
    torch.manual_seed(0)
    z = _call(ctx, "reparameterize", mu, logvar)
    expect(
        isinstance(z, torch.Tensor) and tuple(z.shape) == tuple(mu.shape),
        f"reparameterize(mu, logvar) with mu of shape {tuple(mu.shape)} returned "
        f"{tuple(getattr(z, 'shape', ()))}: one draw per row and dimension.",
    )
    expect(
        z.requires_grad,
        "reparameterize returned a tensor with no gradient: write z = mu + sigma * eps with "
        "eps drawn apart (torch.randn_like(mu)), so that gradients reach mu and logvar.",
    )
    z.sum().backward()
    expect(
        mu.grad is not None and logvar.grad is not None,
        "After z.sum().backward(), mu or logvar has no gradient: z must be computed from both.",
    )
    assert mu.grad is not None and logvar.grad is not None
    expect_close(
        mu.grad.numpy(),
        np.ones(mu.shape),
        what="d sum(z) / d mu",
        rtol=1e-5,
        note="z = mu + sigma * eps: each z moves one for one with its mu.",
    )
    expect_close(
        logvar.grad.numpy(),
        0.5 * (z - mu).detach().numpy(),
        what="d sum(z) / d logvar",
        rtol=1e-4,
        atol=1e-6,
        note="sigma = exp(logvar / 2), so dz / dlogvar = sigma * eps / 2 = (z - mu) / 2.",
    )
    draws = z.detach().double()
    for j, (mean, std) in enumerate(((2.0, 2.0), (-1.0, 0.5))):
        got_mean, got_std = float(draws[:, j].mean()), float(draws[:, j].std())
        expect(
            abs(got_mean - mean) <= MEAN_SIGMAS * std / math.sqrt(DRAWS)
            and abs(got_std - std) <= STD_RTOL * std,
            f"{DRAWS:,} draws of reparameterize with mu {mean:g} and logvar log({std**2:g}) "
            f"have mean {got_mean:.3f} and standard deviation {got_std:.3f}, expected {mean:g} "
            f"and {std:g}: sigma is exp(logvar / 2), eps a standard normal.",
        )
    torch.manual_seed(0)
    again = _call(ctx, "reparameterize", mu.detach(), logvar.detach())
    expect(
        torch.equal(again, z.detach()),
        "reparameterize drew other noise after the same torch.manual_seed(0): draw eps with "
        "torch (torch.randn_like), so that torch's seed makes training reproducible.",
    )


@check("the update steps: a GAN's detached discriminator step; a VAE's reparameterisation",
       hint="steps")  # fmt: skip
def update_steps(ctx: Context) -> None:
    if _kind(ctx) == "gan":
        _gan_steps(ctx)
    else:
        _vae_steps(ctx)


# --- train: small runs -------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class Run:
    result: Any
    history: list[dict[str, float]]
    files: dict[str, bytes]  # what train saved in out_dir, by name


def _read_png(run: Run, name: str, what: str) -> Array:
    from PIL import Image, UnidentifiedImageError

    if name not in run.files:
        fail(f"train did not save {name} ({what}) in out_dir.")
    try:
        with Image.open(io.BytesIO(run.files[name])) as image:
            image.load()
            return np.asarray(image.convert("L"))
    except (UnidentifiedImageError, OSError) as exc:
        fail(f"{name} is not a readable PNG image ({exc}): save it with PIL or matplotlib.")


def _history(result: Any, kind: str, epochs: int) -> list[dict[str, float]]:
    history = getattr(result, "history", None)
    if not isinstance(history, list) or len(history) != epochs:
        fail(f"train's result.history is {short(history)}: expected a list of one dict per "
             f"epoch ({epochs}).")  # fmt: skip
    for i, row in enumerate(history):
        keys = ("epoch", *LOSS_KEYS[kind])
        if not isinstance(row, dict) or not set(keys) <= set(row):
            fail(f"result.history[{i}] is {short(row)}: with KIND {kind!r} each epoch's dict "
                 f"holds {', '.join(repr(k) for k in keys)}.")  # fmt: skip
        expect_equal(row["epoch"], i + 1, call=f"result.history[{i}]['epoch']",
                     note="Epochs count from 1.")  # fmt: skip
        for key in LOSS_KEYS[kind]:
            expect(
                isinstance(row[key], int | float) and math.isfinite(row[key]),
                f"result.history[{i}][{key!r}] is {short(row[key])}: expected a finite float.",
            )
    return history


def _small_run(ctx: Context, label: str, **changes: Any) -> Run:
    def run() -> Run:
        kind = _kind(ctx)
        images = _fashion("train")[0][:SMALL_IMAGES]
        config = _config(ctx, **{**SMALL, **changes})
        # The global generators start from another state in each run: a seeded train does
        # not depend on them, an unseeded one learns other weights in "first" and "again".
        torch.manual_seed(GLOBAL_SEEDS.get(label, 0))
        np.random.seed(GLOBAL_SEEDS.get(label, 0))
        with ctx.scratch() as scratch:
            out = scratch / "out"
            result = _call(ctx, "train", images.copy(), config, out)
            history = _history(result, kind, config.epochs)
            files = {p.name: p.read_bytes() for p in out.glob("*") if p.is_file()}
        return Run(result, history, files)

    return once(ctx, f"small run {label}", run)


def _fixed_latents(seed: int, latent_dim: int) -> torch.Tensor:
    return torch.randn(GRID * GRID, latent_dim, generator=torch.Generator().manual_seed(seed))


@check("train records each epoch's losses and saves a sample grid per epoch and the curves",
       hint="train")  # fmt: skip
def train_saves_its_figures(ctx: Context) -> None:
    run = _small_run(ctx, "first")
    config = _config(ctx, **SMALL)
    grids = []
    for epoch in range(1, config.epochs + 1):
        name = f"samples_epoch_{epoch}.png"
        grid = _read_png(run, name, f"the sample grid of epoch {epoch}")
        expect(
            grid.shape == (GRID * SIDE, GRID * SIDE),
            f"{name} is {grid.shape[1]} x {grid.shape[0]} pixels, expected 224 x 224: 8 rows "
            "of 8 images of 28 x 28, no padding.",
        )
        grids.append(grid.astype(np.int64))
    expect(
        not np.array_equal(grids[0], grids[-1]),
        "The sample grids of epochs 1 and 2 are the same image: save the generator's samples "
        "after each epoch.",
    )
    generator = getattr(run.result, "generator", None)
    if not isinstance(generator, nn.Module):
        fail(f"train's result.generator is {short(generator)}, expected the trained nn.Module.")
    with torch.no_grad():
        images = _images(generator(_fixed_latents(config.seed, config.latent_dim)), GRID * GRID,
                         "result.generator on the grid's 64 latent vectors")  # fmt: skip
    wanted = (images.reshape(GRID, GRID, SIDE, SIDE).permute(0, 2, 1, 3)
              .reshape(GRID * SIDE, GRID * SIDE) * 255).round().numpy()  # fmt: skip
    gap = float(np.abs(grids[-1] - wanted).max())
    expect(
        gap <= GREY_LEVELS,
        f"samples_epoch_{config.epochs}.png differs from result.generator's images of the "
        f"grid's latent vectors by up to {gap:.0f} grey levels: the grid shows "
        "generator(torch.randn(64, latent_dim, generator=torch.Generator().manual_seed("
        "config.seed))) in eval mode, 8 per row, pixel = round(255 * value).",
    )
    curves = _read_png(run, "losses.png", "the loss curves")
    expect(
        min(curves.shape) >= 100 and float(curves.std()) > 0,
        f"losses.png is {curves.shape[1]} x {curves.shape[0]} pixels of one colour: draw the "
        "loss curves.",
    )


def _weights(net: Any) -> Array:
    if not isinstance(net, nn.Module):
        fail(f"train's result.generator is {short(net)}, expected an nn.Module.")
    return torch.cat([p.detach().flatten() for p in net.parameters()]).numpy()


@check("train is seeded from config.seed and follows config.lr", hint="train")
def train_is_seeded(ctx: Context) -> None:
    first = _small_run(ctx, "first")
    again = _small_run(ctx, "again")
    a, b = _weights(first.result.generator), _weights(again.result.generator)
    expect(
        a.shape == b.shape and bool(np.array_equal(a, b)),
        "Two runs of train with the same Config learnt different generators (after other "
        "draws of torch's and NumPy's global generators): call torch.manual_seed(config.seed) "
        "first, and draw every shuffle and noise with torch.",
    )
    other = _small_run(ctx, "seed 1", seed=1)
    expect(
        not np.array_equal(a, _weights(other.result.generator)),
        "train learnt the same generator with seed 0 and seed 1: seed from config.seed.",
    )
    still = _small_run(ctx, "lr 0", lr=0.0)
    shorter = _small_run(ctx, "lr 0, 1 epoch", lr=0.0, epochs=1)
    kept = _weights(still.result.generator)
    expect(
        bool(np.array_equal(kept, _weights(shorter.result.generator)))
        and not np.array_equal(kept, a),
        "train with lr=0.0 learnt other generator weights in 2 epochs than in 1 (or the same "
        "as at the Config's lr): the optimizers must take config.lr.",
    )


# --- the bar -----------------------------------------------------------------------------------


def _classifier() -> nn.Module:
    """The checks' judge: a small CNN trained on 5,000 training images the learner never
    gets (seeded, one thread), about 79% accurate on the test images."""
    images, labels = _fashion("train")
    x = torch.from_numpy(images[CLASSIFIER_ROWS]).float().unsqueeze(1) / 255.0
    y = torch.from_numpy(labels[CLASSIFIER_ROWS]).long()
    torch.manual_seed(CLASSIFIER_SEED)
    net = nn.Sequential(
        nn.Conv2d(1, 16, 5, stride=2, padding=2),
        nn.ReLU(),
        nn.Conv2d(16, 32, 5, stride=2, padding=2),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(32 * 7 * 7, 10),
    )
    optimizer = torch.optim.Adam(net.parameters(), lr=3e-3)
    for _ in range(CLASSIFIER_EPOCHS):
        for rows in torch.randperm(len(x)).split(128):
            loss = F.cross_entropy(net(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return net.eval()


@dataclasses.dataclass(frozen=True)
class Quality:
    score: float  # exp(E_x[KL(p(y|x) || p(y))]), 1 to 10
    covered: int  # classes that get at least COVERED_SHARE of the samples
    confidence: float  # the mean of the highest class probability


def quality(classifier: nn.Module, images: torch.Tensor) -> Quality:
    """The classifier's judgement of a batch of images in [0, 1]."""
    with torch.no_grad():
        p = classifier(images).softmax(dim=1).double()
    marginal = p.mean(dim=0)
    kl = (p * (p.clamp_min(1e-12).log() - marginal.clamp_min(1e-12).log())).sum(dim=1)
    shares = np.bincount(p.argmax(dim=1).numpy(), minlength=10) / len(p)
    return Quality(
        score=math.exp(float(kl.mean())),
        covered=int((shares >= COVERED_SHARE).sum()),
        confidence=float(p.max(dim=1).values.mean()),
    )


def _samples(generator: nn.Module, latent_dim: int, what: str) -> torch.Tensor:
    z = torch.randn(SAMPLES, latent_dim, generator=torch.Generator().manual_seed(SAMPLE_SEED))
    with _learner(what), torch.no_grad():
        out = generator(z)
    return _images(out, SAMPLES, what)


@check("the samples are clothes: classified confidently and varied, above the bars",
       hint="bar")  # fmt: skip
def samples_reach_the_bar(ctx: Context) -> None:
    _kind(ctx)
    config = _config(ctx)
    expect(
        1 <= config.epochs <= MAX_EPOCHS,
        f"Config().epochs is {config.epochs}: the bar allows 1 to {MAX_EPOCHS} epochs over "
        f"{BAR_IMAGES:,} images.",
    )
    images = _fashion("train")[0][:BAR_IMAGES]
    with ctx.scratch() as scratch:
        result = _call(ctx, "train", images.copy(), config, scratch / "out")
    classifier = _classifier()
    generator = getattr(result, "generator", None)
    if not isinstance(generator, nn.Module):
        fail(f"train's result.generator is {short(generator)}, expected an nn.Module.")
    trained = quality(classifier, _samples(generator, config.latent_dim, "sampling"))
    torch.manual_seed(config.seed)
    fresh = _call(ctx, "make_generator", config.latent_dim).eval()
    untrained = quality(classifier, _samples(fresh, config.latent_dim, "sampling untrained"))
    ctx.record("confidence", trained.confidence)
    ctx.record("untrained_score", untrained.score)
    expect(
        trained.score >= untrained.score + MARGIN_OVER_UNTRAINED,
        f"The samples score {trained.score:.2f}, the same network untrained "
        f"{untrained.score:.2f}: training must raise the score by at least "
        f"{MARGIN_OVER_UNTRAINED:g}.",
    )
    expect_bar(ctx, "classes_covered", trained.covered)
    expect_bar(ctx, "sample_score", trained.score)
