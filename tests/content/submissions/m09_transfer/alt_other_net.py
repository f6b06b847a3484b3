"""Correct, written differently: another network (a 5x5 convolution of 12 channels, then
3x3 of 24, average pooling last), the head found by its in_features at replace time, a
manual seed through a torch.Generator for the shuffle, the epoch's loss as the mean of
per-image losses, and compare building its rows with a comprehension."""

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
    epochs: int
    batch_size: int
    lr: float
    seed: int


class Classifier(nn.Module):
    def __init__(self, num_classes: int) -> None:
        super().__init__()
        self.backbone = nn.Sequential(
            nn.Conv2d(1, 12, 5, padding=2),
            nn.ReLU(),
            nn.MaxPool2d(2),
            nn.Conv2d(12, 24, 3, padding=1),
            nn.ReLU(),
            nn.AvgPool2d(2),
            nn.Flatten(),
        )
        self.head = nn.Linear(24 * 9, num_classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        features = self.backbone(x)
        return self.head(features)


def make_model(num_classes: int = 5) -> nn.Module:
    return Classifier(num_classes)


def steps(n: int, config: TrainConfig) -> int:
    return math.ceil(n / config.batch_size) * config.epochs


def train(
    model: nn.Module, images: torch.Tensor, labels: torch.Tensor, config: TrainConfig
) -> list[float]:
    if len(images) != len(labels):
        raise ValueError("images and labels differ in length")
    optimizer = torch.optim.Adam((p for p in model.parameters() if p.requires_grad), lr=config.lr)
    rng = torch.Generator().manual_seed(config.seed)
    epoch_losses: list[float] = []
    model.train()
    for _epoch in range(config.epochs):
        per_image: list[torch.Tensor] = []
        for batch in torch.randperm(len(images), generator=rng).split(config.batch_size):
            losses = F.cross_entropy(model(images[batch]), labels[batch], reduction="none")
            optimizer.zero_grad()
            losses.mean().backward()
            optimizer.step()
            per_image.append(losses.detach())
        epoch_losses.append(torch.cat(per_image).mean().item())
    return epoch_losses


def pretrain(images: torch.Tensor, labels: torch.Tensor, config: TrainConfig) -> nn.Module:
    torch.manual_seed(config.seed)
    model = make_model(int(labels.max().item()) + 1)
    train(model, images, labels, config)
    return model.eval()


def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    head = model.head
    assert isinstance(head, nn.Linear)
    result = copy.deepcopy(model)
    result.head = nn.Linear(head.in_features, num_classes)
    return result


def freeze_backbone(model: nn.Module) -> nn.Module:
    for _, parameter in model.backbone.named_parameters():
        parameter.requires_grad = False
    return model


def fine_tune(
    pretrained: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    mode: str,
    config: TrainConfig,
) -> nn.Module:
    classes = int(labels.max().item()) + 1
    torch.manual_seed(config.seed)
    if mode == "scratch":
        model = make_model(classes)
    elif mode in ("frozen", "full"):
        model = replace_head(pretrained, classes)
        if mode == "frozen":
            model = freeze_backbone(model)
    else:
        raise ValueError(f"fine_tune: no mode {mode!r} (frozen, full, scratch)")
    train(model, images, labels, config)
    model.eval()
    return model


@torch.no_grad()
def accuracy(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> float:
    model.eval()
    predictions = model(images).argmax(dim=-1)
    return (predictions == labels).double().mean().item()


def compare(
    pretrained: nn.Module,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    test_images: torch.Tensor,
    test_labels: torch.Tensor,
    config: TrainConfig,
) -> list[dict[str, object]]:
    models = {m: fine_tune(pretrained, train_images, train_labels, m, config) for m in MODES}
    budget = steps(len(train_images), config)
    return [
        {
            "mode": m,
            "model": net,
            "accuracy": accuracy(net, test_images, test_labels),
            "steps": budget,
        }
        for m, net in models.items()
    ]
