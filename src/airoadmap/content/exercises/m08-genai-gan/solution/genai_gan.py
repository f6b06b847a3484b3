"""A generative model of Fashion-MNIST clothes: this solution is the DCGAN (KIND = "gan").

make_generator(latent_dim) maps latent vectors drawn from a standard normal to 28 x 28 images
in [0, 1]; a discriminator tells real images from generated ones; train() lets them learn
against each other on the images it is given, saving a sample grid per epoch and the loss
curves as PNG files. (The VAE, the other kind the exercise offers, needs make_generator and
train with the same contract, and its own encoder and loss instead of the discriminator.)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

KIND: Literal["gan", "vae"] = "gan"
SIDE = 28  # image height and width
GRID = 8  # the sample grid: GRID x GRID images


@dataclass(frozen=True)
class Config:
    """The training settings."""

    epochs: int = 3
    batch_size: int = 64
    lr: float = 2e-3
    latent_dim: int = 16
    seed: int = 0


@dataclass
class TrainResult:
    """What train() returns: the trained generator (in eval mode) and one dict per epoch."""

    generator: nn.Module
    history: list[dict[str, float]]


# --- the generator, shared by both kinds ----------------------------------------------------


def make_generator(latent_dim: int) -> nn.Module:
    """Latent vectors (B, latent_dim) -> images (B, 1, 28, 28) in [0, 1]: a linear layer to
    32 maps of 7 x 7, then two transposed convolutions that double the side (7 -> 14 -> 28)."""
    return nn.Sequential(
        nn.Linear(latent_dim, 32 * 7 * 7),
        nn.BatchNorm1d(32 * 7 * 7),
        nn.ReLU(),
        nn.Unflatten(1, (32, 7, 7)),
        nn.ConvTranspose2d(32, 16, kernel_size=4, stride=2, padding=1),
        nn.BatchNorm2d(16),
        nn.ReLU(),
        nn.ConvTranspose2d(16, 1, kernel_size=4, stride=2, padding=1),
        nn.Sigmoid(),
    )


# --- the GAN --------------------------------------------------------------------------------


def make_discriminator() -> nn.Module:
    """Images (B, 1, 28, 28) -> one logit per image (B,): high for real, low for generated."""
    return nn.Sequential(
        nn.Conv2d(1, 16, kernel_size=4, stride=2, padding=1),
        nn.LeakyReLU(0.2),
        nn.Conv2d(16, 32, kernel_size=4, stride=2, padding=1),
        nn.LeakyReLU(0.2),
        nn.Flatten(),
        nn.Linear(32 * 7 * 7, 1),
        nn.Flatten(0),
    )


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy of the discriminator: real images labelled 1, generated ones 0,
    each term the mean over its batch."""
    real = F.binary_cross_entropy_with_logits(real_logits, torch.ones_like(real_logits))
    fake = F.binary_cross_entropy_with_logits(fake_logits, torch.zeros_like(fake_logits))
    return real + fake


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """The non-saturating generator loss: -log D(G(z)), generated images labelled real."""
    return F.binary_cross_entropy_with_logits(fake_logits, torch.ones_like(fake_logits))


def discriminator_step(
    generator: nn.Module,
    discriminator: nn.Module,
    real: torch.Tensor,
    z: torch.Tensor,
    optimizer: torch.optim.Optimizer,
) -> float:
    """One update of the discriminator on a batch of real images and G(z); the generated
    images are detached, so no gradient reaches the generator. Returns the loss."""
    fake = generator(z).detach()
    loss = discriminator_loss(discriminator(real), discriminator(fake))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


def generator_step(
    generator: nn.Module,
    discriminator: nn.Module,
    z: torch.Tensor,
    optimizer: torch.optim.Optimizer,
) -> float:
    """One update of the generator through the discriminator's judgement of G(z). Returns
    the loss."""
    loss = generator_loss(discriminator(generator(z)))
    optimizer.zero_grad()
    loss.backward()
    optimizer.step()
    return loss.item()


# --- training -------------------------------------------------------------------------------


def to_unit(images: np.ndarray | torch.Tensor) -> torch.Tensor:
    """uint8 images (N, 28, 28) -> float32 (N, 1, 28, 28) in [0, 1]."""
    x = torch.as_tensor(images)
    if x.ndim == 3:
        x = x.unsqueeze(1)
    return x.float() / 255.0


def fixed_latents(config: Config) -> torch.Tensor:
    """The latent vectors of every epoch's sample grid, the same each epoch."""
    gen = torch.Generator().manual_seed(config.seed)
    return torch.randn(GRID * GRID, config.latent_dim, generator=gen)


def save_grid(images: torch.Tensor, path: Path) -> None:
    """Save 64 images (64, 1, 28, 28) in [0, 1] as one 224 x 224 grey PNG, 8 per row, no
    padding, row-major."""
    from PIL import Image

    pixels = images.detach().reshape(GRID, GRID, SIDE, SIDE).permute(0, 2, 1, 3)
    grid = (pixels.reshape(GRID * SIDE, GRID * SIDE) * 255).round().clamp(0, 255)
    Image.fromarray(grid.to(torch.uint8).numpy(), mode="L").save(path)


def save_loss_curves(history: list[dict[str, float]], path: Path) -> None:
    """One line per loss of the history, against the epoch."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(5, 3.5))
    epochs = [row["epoch"] for row in history]
    for key in history[0]:
        if key != "epoch":
            ax.plot(epochs, [row[key] for row in history], marker="o", label=key)
    ax.set_xlabel("epoch")
    ax.set_ylabel("mean loss")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)


def _gan_epoch(
    generator: nn.Module,
    discriminator: nn.Module,
    optimizers: tuple[torch.optim.Optimizer, torch.optim.Optimizer],
    batches: list[torch.Tensor],
    latent_dim: int,
) -> dict[str, float]:
    d_losses, g_losses = [], []
    for real in batches:
        z = torch.randn(len(real), latent_dim)
        d_losses.append(discriminator_step(generator, discriminator, real, z, optimizers[0]))
        z = torch.randn(len(real), latent_dim)
        g_losses.append(generator_step(generator, discriminator, z, optimizers[1]))
    return {"d_loss": float(np.mean(d_losses)), "g_loss": float(np.mean(g_losses))}


def train(images: np.ndarray, config: Config, out_dir: Path) -> TrainResult:
    """Fit the DCGAN on uint8 images (N, 28, 28), seeded from config.seed.

    After each epoch, saves out_dir/samples_epoch_<epoch>.png (the generator's images of
    fixed_latents(config)); at the end out_dir/losses.png. history[i] holds "epoch" (from 1)
    and the mean of "d_loss" and "g_loss" over that epoch's batches.
    """
    torch.manual_seed(config.seed)
    x = to_unit(images)
    out_dir.mkdir(parents=True, exist_ok=True)
    latents = fixed_latents(config)
    generator = make_generator(config.latent_dim)
    discriminator = make_discriminator()
    optimizers = (
        torch.optim.Adam(discriminator.parameters(), lr=config.lr, betas=(0.5, 0.999)),
        torch.optim.Adam(generator.parameters(), lr=config.lr, betas=(0.5, 0.999)),
    )
    history: list[dict[str, float]] = []
    for epoch in range(1, config.epochs + 1):
        generator.train()
        batches = list(x[torch.randperm(len(x))].split(config.batch_size))
        losses = _gan_epoch(generator, discriminator, optimizers, batches, config.latent_dim)
        history.append({"epoch": epoch, **losses})
        generator.eval()
        with torch.no_grad():
            save_grid(generator(latents), out_dir / f"samples_epoch_{epoch}.png")
    save_loss_curves(history, out_dir / "losses.png")
    return TrainResult(generator.eval(), history)


if __name__ == "__main__":
    from airoadmap.datasets import load_arrays

    train_images, _ = load_arrays("fashion-mnist", split="train")
    result = train(train_images[:4000], Config(), Path("gan-run"))
    print(result.history)
