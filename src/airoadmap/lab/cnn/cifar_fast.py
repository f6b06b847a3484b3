"""A fast CIFAR-10 training schedule for one GPU, after the ideas of the published speed runs
(David Page's "How to train your ResNet", Keller Jordan's airbench), written for this project.

What makes it fast (each idea in a few lines of this file):

- the whole data set lives on the device; batches are cut from it with no loader;
- a first layer that *whitens* 2x2 patches, computed once from training images (the
  eigenvectors of their covariance, each scaled by 1/sqrt(eigenvalue), and their negatives)
  and frozen: the next layers see decorrelated inputs from the first step;
- a small VGG-like net (three blocks of two 3x3 convolutions, widths 64/256/256, max pooling,
  batch norm with the scale frozen at 1, GELU), convolutions started near the identity
  (Dirac init), logits scaled down (1/9) for a calm start;
- large batches (1024), SGD with Nesterov momentum, a short warm-up then a linear decay,
  label smoothing 0.2, biases learning faster than weights;
- alternating flips: an image is flipped in every other epoch (a random half in the first),
  so two epochs see both versions exactly once; random 2-pixel translations;
- Lookahead: every few steps the weights are pulled towards a slow average, more and
  more as training ends; the slow weights are the ones kept;
- bfloat16 autocast and channels-last memory on the GPU;
- test-time augmentation: the logits of each test image are averaged with those of its
  mirror image (and of two one-pixel shifts, level 2).

The same code runs on a CPU (tests use a tiny `FastConfig`); the speed is the GPU's.
"""

from __future__ import annotations

import itertools
import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn


@dataclass(frozen=True)
class FastConfig:
    """The schedule and the net; the defaults are the GPU run aiming at 94% in under 4 s."""

    epochs: float = 10.0
    batch_size: int = 1024
    lr: float = 1.0  # peak learning rate of the weights (mean loss over the batch)
    bias_lr_scale: float = 16.0  # biases (batch norm shifts, whitening bias) learn this much faster
    momentum: float = 0.85
    weight_decay: float = 5e-4
    label_smoothing: float = 0.2
    warmup: float = 0.2  # share of the steps spent warming up from `start_lr` x lr
    start_lr: float = 0.2
    end_lr: float = 0.05
    widths: tuple[int, int, int] = (64, 256, 256)
    whiten_patch: int = 2
    whiten_bias_epochs: float = 3.0  # the whitening bias is trained this long, then frozen
    bn_momentum: float = 0.4
    logit_scale: float = 1 / 9
    translate: int = 2
    lookahead_every: int = 5
    tta_level: int = 2  # 0: none, 1: mirror, 2: mirror and one-pixel shifts
    seed: int = 0
    warmup_steps: int = 3  # untimed steps on a throwaway net first (cuDNN picks its kernels)


@dataclass
class FastResult:
    """What a fast run produced: per-epoch records, test probabilities (with TTA), timings."""

    history: list[dict[str, float]]
    proba: torch.Tensor  # (N_test, classes), float32 on the CPU
    proba_plain: torch.Tensor  # without test-time augmentation
    train_seconds: float
    steps: int
    images_seen: int
    model: nn.Module = field(repr=False)


# --- the net -------------------------------------------------------------------------------


def whitening_weights(images: torch.Tensor, patch: int = 2, eps: float = 5e-4) -> torch.Tensor:
    """Convolution filters (2 * C * patch^2, C, patch, patch) that whiten the patches of
    `images` (N, C, H, W): filter k projects a patch on the k-th eigenvector of the patch
    covariance and divides by the square root of its eigenvalue; the second half are the
    negatives of the first (so a ReLU-like activation keeps both signs)."""
    c = images.shape[1]
    patches = images.float().unfold(2, patch, 1).unfold(3, patch, 1)  # N, C, h, w, p, p
    flat = patches.permute(0, 2, 3, 1, 4, 5).reshape(-1, c * patch * patch).double()
    flat = flat - flat.mean(dim=0)
    covariance = flat.T @ flat / (len(flat) - 1)
    eigenvalues, eigenvectors = torch.linalg.eigh(covariance)
    filters = (eigenvectors.T / torch.sqrt(eigenvalues + eps)[:, None]).float()
    filters = filters.reshape(-1, c, patch, patch).flip(0)  # largest eigenvalue first
    return torch.cat([filters, -filters])


class ConvBlock(nn.Module):
    """conv 3x3 -> max pool 2 -> BN -> GELU -> conv 3x3 -> BN -> GELU."""

    def __init__(self, in_channels: int, out_channels: int, bn_momentum: float) -> None:
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels, out_channels, 3, padding=1, bias=False)
        self.norm1 = _batch_norm(out_channels, bn_momentum)
        self.conv2 = nn.Conv2d(out_channels, out_channels, 3, padding=1, bias=False)
        self.norm2 = _batch_norm(out_channels, bn_momentum)
        for conv in (self.conv1, self.conv2):
            _dirac_start(conv)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = F.gelu(self.norm1(F.max_pool2d(self.conv1(x), 2)))
        return F.gelu(self.norm2(self.conv2(x)))


def _batch_norm(channels: int, momentum: float) -> nn.BatchNorm2d:
    """Batch norm whose scale stays 1 (only the shift learns)."""
    norm = nn.BatchNorm2d(channels, momentum=momentum)
    norm.weight.requires_grad_(False)
    return norm


def _dirac_start(conv: nn.Conv2d) -> None:
    """The first `in_channels` filters start as the identity (each passes one input channel
    through unchanged); the others keep their random start."""
    n = min(conv.in_channels, conv.out_channels)
    with torch.no_grad():
        nn.init.dirac_(conv.weight[:n])


class FastNet(nn.Module):
    """Frozen whitening layer, three ConvBlocks, global max pool, a linear layer, scaled."""

    def __init__(self, config: FastConfig, whiten: torch.Tensor, num_classes: int = 10) -> None:
        super().__init__()
        self.whiten = nn.Conv2d(whiten.shape[1], whiten.shape[0], config.whiten_patch)
        with torch.no_grad():
            self.whiten.weight.copy_(whiten)
            self.whiten_bias().zero_()
        self.whiten.weight.requires_grad_(False)
        widths = (whiten.shape[0], *config.widths)
        self.blocks = nn.Sequential(
            *(ConvBlock(a, b, config.bn_momentum) for a, b in itertools.pairwise(widths))
        )
        self.head = nn.Linear(widths[-1], num_classes, bias=False)
        self.logit_scale = config.logit_scale

    def whiten_bias(self) -> torch.Tensor:
        """The whitening layer's bias, the only part of it that learns (for a while)."""
        bias = self.whiten.bias
        assert bias is not None
        return bias

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.blocks(F.gelu(self.whiten(x)))
        x = torch.amax(x, dim=(2, 3))
        return self.head(x) * self.logit_scale


# --- data on the device --------------------------------------------------------------------


def _upload(images: np.ndarray, device: torch.device) -> torch.Tensor:
    """uint8 (N, H, W, C) -> float32 (N, C, H, W) in [0, 1] on `device`."""
    x = torch.from_numpy(np.ascontiguousarray(images)).to(device)
    return x.permute(0, 3, 1, 2).float().div_(255.0)


def standardise(
    train_images: np.ndarray, test_images: np.ndarray, device: torch.device
) -> tuple[torch.Tensor, torch.Tensor]:
    """Both sets on `device` as float32 (N, C, H, W), channels-last, standardised per channel
    with the mean and standard deviation of the training images."""
    train = _upload(train_images, device)
    test = _upload(test_images, device)
    mean = train.mean(dim=(0, 2, 3), keepdim=True)
    std = train.std(dim=(0, 2, 3), keepdim=True)
    return (
        ((train - mean) / std).contiguous(memory_format=torch.channels_last),
        ((test - mean) / std).contiguous(memory_format=torch.channels_last),
    )


def flip_masks(n: int, epoch: int, generator: torch.Generator) -> torch.Tensor:
    """Which images to mirror in `epoch`: a random half in epoch 0, then alternately the
    other half and the same half again (`generator` must be seeded the same each call)."""
    first = torch.rand(n, generator=generator) < 0.5
    return first if epoch % 2 == 0 else ~first


def translate(batch: torch.Tensor, shift: int, generator: torch.Generator) -> torch.Tensor:
    """Each image moved by up to `shift` pixels each way (reflection fills the border);
    `generator` lives on the batch's device (no copy from the CPU at each step)."""
    if shift == 0:
        return batch
    n, _, height, width = batch.shape
    padded = F.pad(batch, (shift,) * 4, mode="reflect")
    dy = torch.randint(0, 2 * shift + 1, (n, 1), generator=generator, device=batch.device)
    dx = torch.randint(0, 2 * shift + 1, (n, 1), generator=generator, device=batch.device)
    rows = dy + torch.arange(height, device=batch.device)
    cols = dx + torch.arange(width, device=batch.device)
    index = torch.arange(n, device=batch.device)[:, None, None]
    crops = padded[index, :, rows[:, :, None], cols[:, None, :]]  # N, H, W, C
    return crops.permute(0, 3, 1, 2).contiguous(memory_format=torch.channels_last)


# --- training --------------------------------------------------------------------------------


def lr_factor(step: int, total: int, config: FastConfig) -> float:
    """The learning-rate multiplier at `step`: linear from start_lr to 1 over the warm-up,
    then linear down to end_lr at the last step."""
    warm = max(1, round(config.warmup * total))
    if step < warm:
        return config.start_lr + (1 - config.start_lr) * step / warm
    rest = max(1, total - warm)
    return 1 + (config.end_lr - 1) * min(1.0, (step - warm) / rest)


class Lookahead:
    """Slow weights that the net is pulled back to every `every` steps: slow <- d * slow +
    (1 - d) * fast, then fast <- slow, with d growing as training ends (so early steps
    move freely and the end averages the last stretch of the run)."""

    def __init__(self, model: nn.Module, every: int) -> None:
        self.every = every
        self.tensors = [t for t in model.state_dict().values() if t.is_floating_point()]
        self.slow = [t.detach().clone() for t in self.tensors]

    def step(self, step: int, total: int) -> None:
        if self.every <= 0 or (step + 1) % self.every:
            return
        decay = 0.95**self.every * ((step + 1) / total) ** 3
        with torch.no_grad():  # one fused kernel per operation for all the tensors
            torch._foreach_lerp_(self.slow, self.tensors, 1 - decay)
            torch._foreach_copy_(self.tensors, self.slow)

    def finish(self) -> None:
        """Keep the slow weights."""
        with torch.no_grad():
            torch._foreach_copy_(self.tensors, self.slow)


def _optimizer(model: FastNet, config: FastConfig) -> torch.optim.SGD:
    weights = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim > 1]
    biases = [p for n, p in model.named_parameters() if p.requires_grad and p.ndim <= 1]
    groups = [
        {"params": weights, "lr": config.lr, "weight_decay": config.weight_decay, "base": 1.0},
        {
            "params": biases,
            "lr": config.lr * config.bias_lr_scale,
            "weight_decay": config.weight_decay / config.bias_lr_scale,
            "base": config.bias_lr_scale,
        },
    ]
    return torch.optim.SGD(groups, lr=config.lr, momentum=config.momentum, nesterov=True)


def _autocast(device: torch.device, bf16: bool) -> torch.autocast:
    return torch.autocast(device.type, dtype=torch.bfloat16, enabled=bf16, cache_enabled=False)


def _synchronize(device: torch.device) -> None:
    if device.type == "cuda":
        torch.cuda.synchronize(device)


def _build(
    config: FastConfig, train_x: torch.Tensor, num_classes: int, device: torch.device
) -> FastNet:
    whiten = whitening_weights(train_x[:5000], config.whiten_patch)
    model = FastNet(config, whiten, num_classes).to(device)
    return model.to(memory_format=torch.channels_last)  # type: ignore[call-overload]


def train_fast(
    train_images: np.ndarray,
    train_labels: np.ndarray,
    test_images: np.ndarray,
    *,
    config: FastConfig = FastConfig(),
    device: torch.device | str = "cuda",
    bf16: bool = True,
    num_classes: int = 10,
    on_epoch: Callable[[int, dict[str, float]], None] | None = None,
) -> FastResult:
    """Train a FastNet on uint8 (N, 32, 32, 3) images and predict the test images.

    The timed part runs from the first training step (after the data are on the device and
    the untimed warm-up steps) to the last one, whitening layer included; evaluation is not
    in it. `on_epoch(epoch, record)` is called after each epoch, outside the timed part.
    """
    device = torch.device(device)
    train_x, test_x = standardise(train_images, test_images, device)
    train_y = torch.from_numpy(np.asarray(train_labels, dtype=np.int64)).to(device)
    if device.type == "cuda":
        torch.backends.cudnn.benchmark = True
    if config.warmup_steps > 0:
        _warm_up(config, train_x, train_y, num_classes, device, bf16)

    torch.manual_seed(config.seed)
    generator = torch.Generator(device=device).manual_seed(config.seed)  # on the device
    flips = torch.Generator()
    n = len(train_x)
    batch = min(config.batch_size, n)
    steps_per_epoch = n // batch
    total = max(1, math.ceil(config.epochs * steps_per_epoch))
    bias_steps = round(config.whiten_bias_epochs * steps_per_epoch)
    history: list[dict[str, float]] = []
    seconds = 0.0
    _synchronize(device)
    started = time.perf_counter()
    model = _build(config, train_x, num_classes, device)
    optimizer = _optimizer(model, config)
    lookahead = Lookahead(model, config.lookahead_every)
    step = 0
    epoch = 0
    while step < total:
        flips.manual_seed(config.seed + 1)
        mirror = flip_masks(n, epoch, flips).to(device)
        order = torch.randperm(n, generator=generator, device=device)
        loss_sum = torch.zeros((), device=device)
        correct = torch.zeros((), device=device, dtype=torch.long)
        seen = 0
        model.train()
        for start in range(0, steps_per_epoch * batch, batch):
            if step >= total:
                break
            if step == bias_steps:
                model.whiten_bias().requires_grad_(False)
            index = order[start : start + batch]
            x = train_x[index]
            x = torch.where(mirror[index][:, None, None, None], x.flip(3), x)
            x = translate(x, config.translate, generator)
            y = train_y[index]
            with _autocast(device, bf16):
                logits = model(x)
                loss = F.cross_entropy(logits, y, label_smoothing=config.label_smoothing)
            factor = lr_factor(step, total, config)
            for group in optimizer.param_groups:
                group["lr"] = config.lr * group["base"] * factor
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            lookahead.step(step, total)
            loss_sum += loss.detach() * len(y)
            correct += (logits.argmax(1) == y).sum()
            seen += len(y)
            step += 1
        epoch += 1
        _synchronize(device)
        seconds += time.perf_counter() - started
        record = {
            "epoch": float(epoch),
            "loss": float(loss_sum) / max(seen, 1),
            "accuracy": float(correct) / max(seen, 1),
            "lr": config.lr * factor,
        }
        history.append(record)
        if on_epoch is not None:
            on_epoch(epoch, record)
        started = time.perf_counter()
    lookahead.finish()
    _synchronize(device)
    seconds += time.perf_counter() - started

    proba, plain = predict_tta(model, test_x, config.tta_level, bf16)
    return FastResult(history, proba, plain, seconds, total, total * batch, model)


def _warm_up(
    config: FastConfig,
    train_x: torch.Tensor,
    train_y: torch.Tensor,
    num_classes: int,
    device: torch.device,
    bf16: bool,
) -> None:
    """A few untimed steps of a throwaway net of the same shapes (kernels load, cuDNN picks
    its algorithms), so that the timed run measures training, not start-up."""
    model = _build(config, train_x, num_classes, device)
    optimizer = _optimizer(model, config)
    batch = min(config.batch_size, len(train_x))
    for _ in range(config.warmup_steps):
        with _autocast(device, bf16):
            loss = F.cross_entropy(model(train_x[:batch]), train_y[:batch])
        optimizer.zero_grad(set_to_none=True)
        loss.backward()
        optimizer.step()
    model.eval()
    with torch.no_grad(), _autocast(device, bf16):
        model(train_x[:batch])
    _synchronize(device)


@torch.no_grad()
def predict_tta(
    model: nn.Module, images: torch.Tensor, level: int, bf16: bool, batch_size: int = 2000
) -> tuple[torch.Tensor, torch.Tensor]:
    """(probabilities with test-time augmentation, probabilities without), on the CPU.

    Level 1 averages the logits of each image and its mirror image; level 2 also those of
    the image shifted by one pixel up-left and down-right (and their mirrors), at half weight.
    """
    model.eval()
    device = images.device
    plain_parts, tta_parts = [], []
    for start in range(0, len(images), batch_size):
        x = images[start : start + batch_size]
        with _autocast(device, bf16):
            logits = model(x).float()
            views = logits
            if level >= 1:
                views = 0.5 * (logits + model(x.flip(3)).float())
            if level >= 2:
                padded = F.pad(x, (1, 1, 1, 1), mode="reflect")
                shifted = [padded[:, :, :-2, :-2], padded[:, :, 2:, 2:]]
                extra = [0.5 * (model(s).float() + model(s.flip(3)).float()) for s in shifted]
                views = 0.5 * views + 0.25 * (extra[0] + extra[1])
        plain_parts.append(logits.softmax(1).cpu())
        tta_parts.append(views.softmax(1).cpu())
    return torch.cat(tta_parts), torch.cat(plain_parts)
