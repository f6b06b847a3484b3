"""Judging generated images with a classifier: the Inception-style score and class coverage.

A small CNN learns Fashion-MNIST's 10 classes; for a batch of images, its class
probabilities p(y | x) give the score exp(mean KL(p(y | x) || p(y))), p(y) their mean over the
batch: 1 when every image gets the same class or when the classifier only guesses, up to 10
when each image is one class for sure and the classes are equally common.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import torch
from torch import nn
from torch.nn import functional as F

CLASSES = 10
COVERED_SHARE = 0.02  # a class counts as covered with at least 2% of the images


def make_classifier() -> nn.Module:
    """Two strided convolutions (16 and 32 maps) and a linear layer: 28 x 28 -> 10 logits."""
    return nn.Sequential(
        nn.Conv2d(1, 16, 5, stride=2, padding=2),
        nn.ReLU(),
        nn.Conv2d(16, 32, 5, stride=2, padding=2),
        nn.ReLU(),
        nn.Flatten(),
        nn.Linear(32 * 7 * 7, CLASSES),
    )


def to_unit(images: np.ndarray[Any, Any]) -> torch.Tensor:
    """uint8 images (N, 28, 28) -> float32 (N, 1, 28, 28) in [0, 1]."""
    return torch.from_numpy(images).float().unsqueeze(1) / 255.0


def train_classifier(
    images: np.ndarray[Any, Any], labels: np.ndarray[Any, Any], *, epochs: int, seed: int
) -> nn.Module:
    """Fit make_classifier() with Adam on batches of 128; returned in eval mode."""
    x, y = to_unit(images), torch.from_numpy(labels).long()
    torch.manual_seed(seed)
    net = make_classifier()
    optimizer = torch.optim.Adam(net.parameters(), lr=3e-3)
    for _ in range(epochs):
        for rows in torch.randperm(len(x)).split(128):
            loss = F.cross_entropy(net(x[rows]), y[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return net.eval()


def probabilities(classifier: nn.Module, images: torch.Tensor) -> torch.Tensor:
    """Class probabilities (N, 10) of images in [0, 1], in batches of 1,000."""
    with torch.no_grad():
        return torch.cat([classifier(b).softmax(dim=1) for b in images.split(1000)]).double()


@dataclass(frozen=True)
class Quality:
    """A classifier's judgement of a batch of images."""

    score: float  # exp(mean KL(p(y|x) || p(y)))
    covered: int  # classes that are the most likely one for >= COVERED_SHARE of the images
    confidence: float  # the mean of the highest class probability
    shares: list[float]  # the share of the images whose most likely class is each class


def quality(p: torch.Tensor) -> Quality:
    """The score, coverage and confidence of class probabilities p (N, 10)."""
    marginal = p.mean(dim=0)
    kl = (p * (p.clamp_min(1e-12).log() - marginal.clamp_min(1e-12).log())).sum(dim=1)
    shares = np.bincount(p.argmax(dim=1).numpy(), minlength=CLASSES) / len(p)
    return Quality(
        score=math.exp(float(kl.mean())),
        covered=int((shares >= COVERED_SHARE).sum()),
        confidence=float(p.max(dim=1).values.mean()),
        shares=[float(s) for s in shares],
    )
