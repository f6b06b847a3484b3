"""Correct, written differently: a GAN whose losses are written with logsigmoid, a generator
that upsamples and convolves instead of transposed convolutions, a discriminator with dropout,
index batches drawn per epoch, the grid drawn with NumPy and the curves with one subplot per
loss."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

KIND = "gan"


@dataclass(frozen=True)
class Config:
    epochs: int = 3
    batch_size: int = 50
    lr: float = 1e-3
    latent_dim: int = 24
    seed: int = 0


@dataclass
class TrainResult:
    generator: nn.Module
    history: list[dict[str, float]]


class Generator(nn.Module):
    def __init__(self, latent_dim: int) -> None:
        super().__init__()
        self.project = nn.Sequential(nn.Linear(latent_dim, 24 * 7 * 7), nn.LeakyReLU(0.1))
        self.up = nn.Sequential(
            nn.Upsample(scale_factor=2),
            nn.Conv2d(24, 24, 3, padding=1),
            nn.BatchNorm2d(24),
            nn.LeakyReLU(0.1),
            nn.Upsample(scale_factor=2),
            nn.Conv2d(24, 1, 3, padding=1),
        )

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        return torch.sigmoid(self.up(self.project(z).view(-1, 24, 7, 7)))


def make_generator(latent_dim: int) -> nn.Module:
    return Generator(latent_dim)


class Discriminator(nn.Module):
    def __init__(self) -> None:
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(1, 24, 3, stride=2, padding=1),
            nn.LeakyReLU(0.2),
            nn.Dropout(0.2),
            nn.Conv2d(24, 32, 3, stride=2, padding=1),
            nn.LeakyReLU(0.2),
        )
        self.score = nn.Linear(32 * 7 * 7, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.score(self.features(x).flatten(1)).squeeze(1)


def make_discriminator() -> nn.Module:
    return Discriminator()


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    return -(F.logsigmoid(real_logits).mean() + F.logsigmoid(-fake_logits).mean())


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    return -F.logsigmoid(fake_logits).mean()


def discriminator_step(generator, discriminator, real, z, optimizer) -> float:  # type: ignore[no-untyped-def]
    optimizer.zero_grad(set_to_none=True)
    with torch.no_grad():
        fake = generator(z)
    loss = discriminator_loss(discriminator(real), discriminator(fake))
    loss.backward()
    optimizer.step()
    return float(loss.detach())


def generator_step(generator, discriminator, z, optimizer) -> float:  # type: ignore[no-untyped-def]
    optimizer.zero_grad(set_to_none=True)
    loss = generator_loss(discriminator(generator(z)))
    loss.backward()
    optimizer.step()
    return float(loss.detach())


def _grid(images: torch.Tensor) -> np.ndarray:
    tiles = (images.numpy()[:, 0] * 255).round().clip(0, 255).astype(np.uint8)
    rows = [np.hstack(list(tiles[r * 8 : (r + 1) * 8])) for r in range(8)]
    return np.vstack(rows)


def train(images: np.ndarray, config: Config, out_dir: Path) -> TrainResult:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PIL import Image

    torch.manual_seed(config.seed)
    data = torch.tensor(images, dtype=torch.float32)[:, None] / 255.0
    generator, discriminator = make_generator(config.latent_dim), make_discriminator()
    opt_d = torch.optim.Adam(discriminator.parameters(), lr=config.lr, betas=(0.5, 0.99))
    opt_g = torch.optim.Adam(generator.parameters(), lr=config.lr, betas=(0.5, 0.99))
    fixed = torch.randn(64, config.latent_dim, generator=torch.Generator().manual_seed(config.seed))
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    history = []
    for epoch in range(config.epochs):
        generator.train()
        discriminator.train()
        order = torch.randperm(len(data))
        d_sum = g_sum = 0.0
        steps = 0
        for start in range(0, len(data), config.batch_size):
            real = data[order[start : start + config.batch_size]]
            if len(real) < 2:
                continue
            noise = torch.randn(2 * len(real), config.latent_dim)
            d_sum += discriminator_step(generator, discriminator, real, noise[: len(real)], opt_d)
            g_sum += generator_step(generator, discriminator, noise[len(real) :], opt_g)
            steps += 1
        history.append({"epoch": epoch + 1, "d_loss": d_sum / steps, "g_loss": g_sum / steps})
        generator.eval()
        with torch.no_grad():
            grid = _grid(generator(fixed))
        Image.fromarray(grid).save(out / f"samples_epoch_{epoch + 1}.png")
    fig, axes = plt.subplots(1, 2, figsize=(7, 3))
    for ax, key in zip(axes, ("d_loss", "g_loss"), strict=True):
        ax.plot([h["epoch"] for h in history], [h[key] for h in history])
        ax.set_title(key)
    fig.savefig(out / "losses.png")
    plt.close(fig)
    return TrainResult(generator, history)
