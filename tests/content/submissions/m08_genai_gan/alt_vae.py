"""Correct, the other kind: a VAE (KIND = "vae") with the solution's generator as decoder, an
encoder to mu and logvar, the reparameterisation trick, the closed-form KL term and minus the
ELBO; train() with the same grids, curves and seeding as the DCGAN's."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

KIND: Literal["gan", "vae"] = "vae"
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


# --- the VAE --------------------------------------------------------------------------------


class VAE(nn.Module):
    """An encoder to the mean and log-variance of q(z | x), and make_generator's network as
    the decoder."""

    def __init__(self, latent_dim: int) -> None:
        super().__init__()
        self.encoder = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=4, stride=2, padding=1),
            nn.ReLU(),
            nn.Conv2d(16, 32, kernel_size=4, stride=2, padding=1),
            nn.ReLU(),
            nn.Flatten(),
            nn.Linear(32 * 7 * 7, 2 * latent_dim),
        )
        self.decoder = make_generator(latent_dim)

    def encode(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """Images (B, 1, 28, 28) -> (mu, logvar), each (B, latent_dim)."""
        mu, logvar = self.encoder(x).chunk(2, dim=1)
        return mu, logvar

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Images -> (reconstructions in [0, 1], mu, logvar)."""
        mu, logvar = self.encode(x)
        return self.decoder(reparameterize(mu, logvar)), mu, logvar


def reparameterize(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """A draw of z ~ N(mu, exp(logvar)) as mu + sigma * eps with eps ~ N(0, I) drawn apart,
    so that gradients reach mu and logvar."""
    return mu + torch.exp(0.5 * logvar) * torch.randn_like(mu)


def kl_divergence(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, exp(logvar)) || N(0, I)) in closed form: summed over the latent dimensions,
    the mean over the batch."""
    per_example = -0.5 * (1 + logvar - mu.pow(2) - logvar.exp()).sum(dim=1)
    return per_example.mean()


def negative_elbo(
    x: torch.Tensor, recon: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor
) -> torch.Tensor:
    """The loss of the VAE, minus the ELBO: the binary cross-entropy of the reconstructions
    summed over the pixels, plus the KL term, both the mean over the batch."""
    reconstruction = F.binary_cross_entropy(recon, x, reduction="sum") / x.shape[0]
    return reconstruction + kl_divergence(mu, logvar)


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


def _vae_epoch(
    vae: VAE, optimizer: torch.optim.Optimizer, batches: list[torch.Tensor]
) -> dict[str, float]:
    losses, kls = [], []
    for x in batches:
        recon, mu, logvar = vae(x)
        loss = negative_elbo(x, recon, mu, logvar)
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
        losses.append(loss.item())
        kls.append(kl_divergence(mu, logvar).item())
    return {"loss": float(np.mean(losses)), "kl": float(np.mean(kls))}


def train(images: np.ndarray, config: Config, out_dir: Path) -> TrainResult:
    """Fit the VAE on uint8 images (N, 28, 28), seeded from config.seed; a grid per epoch and
    the loss curves ("loss", minus the ELBO, and "kl") as the contract says."""
    torch.manual_seed(config.seed)
    x = to_unit(images)
    out_dir.mkdir(parents=True, exist_ok=True)
    latents = fixed_latents(config)
    vae = VAE(config.latent_dim)
    generator = vae.decoder
    optimizer = torch.optim.Adam(vae.parameters(), lr=config.lr)
    history: list[dict[str, float]] = []
    for epoch in range(1, config.epochs + 1):
        vae.train()
        batches = list(x[torch.randperm(len(x))].split(config.batch_size))
        history.append({"epoch": epoch, **_vae_epoch(vae, optimizer, batches)})
        generator.eval()
        with torch.no_grad():
            save_grid(generator(latents), out_dir / f"samples_epoch_{epoch}.png")
    save_loss_curves(history, out_dir / "losses.png")
    return TrainResult(generator.eval(), history)
