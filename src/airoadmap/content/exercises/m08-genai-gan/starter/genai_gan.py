"""A generative model of Fashion-MNIST clothes: a DCGAN (KIND = "gan") or a VAE (KIND = "vae").

Choose the kind, write its pieces (the checks test only those of your KIND) and train(),
which fits it and saves a sample grid per epoch and the loss curves. Read brief.md first.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import torch
from torch import nn

KIND: Literal["gan", "vae"] = "gan"  # your choice: "gan" or "vae"
SIDE = 28  # image height and width
GRID = 8  # the sample grid: GRID x GRID images


@dataclass(frozen=True)
class Config:
    """The training settings (the bar allows at most 5 epochs)."""

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
    """Latent vectors (B, latent_dim) -> images (B, 1, 28, 28) in [0, 1]."""
    raise NotImplementedError("make_generator: see brief.md, 'The contract'")


# --- the GAN (KIND = "gan") -----------------------------------------------------------------


def make_discriminator() -> nn.Module:
    """Images (B, 1, 28, 28) -> one logit per image (B,)."""
    raise NotImplementedError("make_discriminator: see brief.md, 'The GAN'")


def discriminator_loss(real_logits: torch.Tensor, fake_logits: torch.Tensor) -> torch.Tensor:
    """Binary cross-entropy: real labelled 1, generated 0, each term the mean over its batch."""
    raise NotImplementedError("discriminator_loss: see brief.md, 'The GAN'")


def generator_loss(fake_logits: torch.Tensor) -> torch.Tensor:
    """The non-saturating generator loss, -log D(G(z)), the mean over the batch."""
    raise NotImplementedError("generator_loss: see brief.md, 'The GAN'")


def discriminator_step(
    generator: nn.Module,
    discriminator: nn.Module,
    real: torch.Tensor,
    z: torch.Tensor,
    optimizer: torch.optim.Optimizer,
) -> float:
    """One update of the discriminator on real and G(z), no gradient reaching G; the loss."""
    raise NotImplementedError("discriminator_step: see brief.md, 'The GAN'")


def generator_step(
    generator: nn.Module,
    discriminator: nn.Module,
    z: torch.Tensor,
    optimizer: torch.optim.Optimizer,
) -> float:
    """One update of the generator through the discriminator's judgement of G(z); the loss."""
    raise NotImplementedError("generator_step: see brief.md, 'The GAN'")


# --- the VAE (KIND = "vae") -----------------------------------------------------------------


class VAE(nn.Module):
    """An encoder to (mu, logvar) of q(z | x), and make_generator's network as the decoder."""

    def __init__(self, latent_dim: int) -> None:
        super().__init__()
        raise NotImplementedError("VAE: see brief.md, 'The VAE'")

    def forward(self, x: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """Images (B, 1, 28, 28) -> (reconstructions in [0, 1], mu, logvar)."""
        raise NotImplementedError("VAE.forward: see brief.md, 'The VAE'")


def reparameterize(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """A draw of z ~ N(mu, exp(logvar)) through which gradients reach mu and logvar."""
    raise NotImplementedError("reparameterize: see brief.md, 'The VAE'")


def kl_divergence(mu: torch.Tensor, logvar: torch.Tensor) -> torch.Tensor:
    """KL(N(mu, exp(logvar)) || N(0, I)): summed over the latent dimensions, batch mean."""
    raise NotImplementedError("kl_divergence: see brief.md, 'The VAE'")


def negative_elbo(
    x: torch.Tensor, recon: torch.Tensor, mu: torch.Tensor, logvar: torch.Tensor
) -> torch.Tensor:
    """Binary cross-entropy summed over the pixels plus the KL term, both the batch mean."""
    raise NotImplementedError("negative_elbo: see brief.md, 'The VAE'")


# --- training -------------------------------------------------------------------------------


def train(images: np.ndarray, config: Config, out_dir: Path) -> TrainResult:
    """Fit the model of KIND on uint8 images (N, 28, 28), seeded from config.seed; save
    out_dir/samples_epoch_<epoch>.png after each epoch and out_dir/losses.png at the end."""
    raise NotImplementedError("train: see brief.md, 'Training'")


if __name__ == "__main__":
    from airoadmap.datasets import load_arrays

    train_images, _ = load_arrays("fashion-mnist", split="train")
    result = train(train_images[:4000], Config(), Path("gan-run"))
    print(result.history)
