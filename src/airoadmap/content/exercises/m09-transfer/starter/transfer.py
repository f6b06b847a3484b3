"""Transfer learning on Fashion-MNIST: your code. Read brief.md first.

A small CNN is pretrained on five classes; its convolutional backbone is then reused for the
five other classes, with 50 labelled images each: frozen (only a new head trains), fine-tuned
as a whole, or not reused at all (a fresh network trained from scratch), all three with the
same budget of epochs and steps. Images are float32 tensors (N, 1, 14, 14) with pixels in
[0, 1]; labels are int64 class indices 0..4.
"""

from __future__ import annotations

import copy  # noqa: F401  (you will need it)
import math  # noqa: F401
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F  # noqa: F401

MODES = ("frozen", "full", "scratch")


@dataclass(frozen=True)
class TrainConfig:
    """One training budget: epochs over the images in shuffled batches, Adam at `lr`."""

    epochs: int
    batch_size: int
    lr: float
    seed: int


def make_model(num_classes: int = 5) -> nn.Module:
    """A fresh CNN for (N, 1, 14, 14) images with `num_classes` outputs: a module with a
    .backbone (images -> features) and a .head (one nn.Linear, features -> logits)."""
    raise NotImplementedError("make_model: a backbone of convolutions and a linear head")


def train(
    model: nn.Module, images: torch.Tensor, labels: torch.Tensor, config: TrainConfig
) -> list[float]:
    """Train the parameters of `model` that require gradients, in place; return the mean loss
    of each epoch (config.epochs * ceil(N / batch_size) optimizer steps)."""
    raise NotImplementedError("train: Adam over the trainable parameters, shuffled batches")


def steps(n: int, config: TrainConfig) -> int:
    """The optimizer steps train() takes on `n` images: the budget of a run."""
    raise NotImplementedError("steps: epochs x batches per epoch")


def pretrain(images: torch.Tensor, labels: torch.Tensor, config: TrainConfig) -> nn.Module:
    """A fresh model with one output per class of `labels`, trained on the source task."""
    raise NotImplementedError("pretrain: make_model, then train")


def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    """A copy of `model` with its backbone's weights and a new, freshly initialised linear head
    of `num_classes` outputs; `model` itself is left as it was."""
    raise NotImplementedError("replace_head: copy the model, then give the copy a new head")


def freeze_backbone(model: nn.Module) -> nn.Module:
    """Stop gradients for every backbone parameter, so only the head trains; returns `model`."""
    raise NotImplementedError("freeze_backbone: requires_grad off for the backbone")


def fine_tune(
    pretrained: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    mode: str,
    config: TrainConfig,
) -> nn.Module:
    """A model for the target task, trained with `config`: "frozen", "full" or "scratch"."""
    raise NotImplementedError("fine_tune: build the model the mode asks for, then train it")


def accuracy(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> float:
    """The share of `images` whose highest logit is the label, in eval mode."""
    raise NotImplementedError("accuracy: argmax of the logits against the labels")


def compare(
    pretrained: nn.Module,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    test_images: torch.Tensor,
    test_labels: torch.Tensor,
    config: TrainConfig,
) -> list[dict[str, object]]:
    """One row per mode ("frozen", "full", "scratch"), each trained with the same `config`:
    the mode, the trained model, its accuracy on the test images and its optimizer steps."""
    raise NotImplementedError("compare: fine_tune each mode, score each model")
