"""Transfer learning on Fashion-MNIST (the reference solution).

A small CNN is pretrained on five classes; its convolutional backbone is then reused for the
five other classes, with 50 labelled images each: frozen (only a new head trains), fine-tuned
as a whole, or not reused at all (a fresh network trained from scratch), all three with the
same budget of epochs and steps. Images are float32 tensors (N, 1, 14, 14) with pixels in
[0, 1]; labels are int64 class indices 0..4.
"""

from __future__ import annotations

import copy
import math
from dataclasses import dataclass

import torch
from torch import nn
from torch.nn import functional as F

MODES = ("frozen", "full", "scratch")


@dataclass(frozen=True)
class TrainConfig:
    """One training budget: epochs over the images in shuffled batches, Adam at `lr`."""

    epochs: int
    batch_size: int
    lr: float
    seed: int


class SmallCNN(nn.Module):
    """Two blocks of 3x3 convolution, ReLU and 2x2 max pooling (the backbone), then one linear
    layer from the 32 x 3 x 3 features to the classes (the head)."""

    def __init__(self, num_classes: int) -> None:
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(1, 16, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(16, 32, kernel_size=3, padding=1),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Flatten(),
        )
        self.head = nn.Linear(32 * 3 * 3, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.backbone(x))


def make_model(num_classes: int = 5) -> SmallCNN:
    """A fresh CNN for (N, 1, 14, 14) images with `num_classes` outputs."""
    return SmallCNN(num_classes)


def train(
    model: nn.Module, images: torch.Tensor, labels: torch.Tensor, config: TrainConfig
) -> list[float]:
    """Train the parameters of `model` that require gradients, in place; return the mean loss
    of each epoch.

    Each epoch runs every image once, in a new seeded order, in batches of at most
    config.batch_size: config.epochs * ceil(N / batch_size) steps of Adam over the trainable
    parameters only.
    """
    if len(images) != len(labels):
        raise ValueError(f"train: {len(images)} images but {len(labels)} labels: they differ")
    trainable = [p for p in model.parameters() if p.requires_grad]
    generator = torch.Generator().manual_seed(config.seed)
    optimizer = torch.optim.Adam(trainable, lr=config.lr)
    model.train()
    losses = []
    for _ in range(config.epochs):
        total = 0.0
        for rows in torch.randperm(len(labels), generator=generator).split(config.batch_size):
            loss = F.cross_entropy(model(images[rows]), labels[rows])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            total += loss.item() * len(rows)
        losses.append(total / len(labels))
    return losses


def steps(n: int, config: TrainConfig) -> int:
    """The optimizer steps train() takes on `n` images: the budget of a run."""
    return config.epochs * math.ceil(n / config.batch_size)


def pretrain(images: torch.Tensor, labels: torch.Tensor, config: TrainConfig) -> SmallCNN:
    """A fresh model with one output per class of `labels`, trained on the source task."""
    torch.manual_seed(config.seed)
    model = make_model(int(labels.max()) + 1)
    train(model, images, labels, config)
    return model.eval()


def replace_head(model: SmallCNN, num_classes: int) -> SmallCNN:
    """A copy of `model` with its backbone's weights and a new, freshly initialised linear head
    of `num_classes` outputs; `model` itself is left as it was."""
    new = copy.deepcopy(model)
    new.head = nn.Linear(model.head.in_features, num_classes)
    return new


def freeze_backbone(model: SmallCNN) -> SmallCNN:
    """Stop gradients for every backbone parameter, so only the head trains; returns `model`."""
    for parameter in model.backbone.parameters():
        parameter.requires_grad_(False)
    return model


def fine_tune(
    pretrained: SmallCNN,
    images: torch.Tensor,
    labels: torch.Tensor,
    mode: str,
    config: TrainConfig,
) -> SmallCNN:
    """A model for the target task, trained with `config`:

    - "frozen": the pretrained backbone, frozen, under a new head (only the head trains);
    - "full": the pretrained backbone under a new head, everything trains;
    - "scratch": a fresh model, everything trains.
    """
    if mode not in MODES:
        raise ValueError(f"fine_tune: mode {mode!r} is not one of {', '.join(MODES)}")
    num_classes = int(labels.max()) + 1
    torch.manual_seed(config.seed)  # the new head (or the fresh model) starts seeded
    if mode == "scratch":
        model = make_model(num_classes)
    else:
        model = replace_head(pretrained, num_classes)
        if mode == "frozen":
            freeze_backbone(model)
    train(model, images, labels, config)
    return model.eval()


@torch.no_grad()
def accuracy(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> float:
    """The share of `images` whose highest logit is the label, in eval mode."""
    model.eval()
    return float((model(images).argmax(dim=1) == labels).float().mean())


def compare(
    pretrained: SmallCNN,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    test_images: torch.Tensor,
    test_labels: torch.Tensor,
    config: TrainConfig,
) -> list[dict[str, object]]:
    """One row per mode ("frozen", "full", "scratch"), each trained with the same `config`:
    the mode, the trained model, its accuracy on the test images and its optimizer steps."""
    rows: list[dict[str, object]] = []
    for mode in MODES:
        model = fine_tune(pretrained, train_images, train_labels, mode, config)
        rows.append(
            {
                "mode": mode,
                "model": model,
                "accuracy": accuracy(model, test_images, test_labels),
                "steps": steps(len(train_labels), config),
            }
        )
    return rows
