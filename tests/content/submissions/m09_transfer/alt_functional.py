"""Correct, written differently: the network assembled from nn.Sequential parts by a
function, freezing with Module.requires_grad_, batches cut by index slicing of one
permutation, AdamW without weight decay, steps by integer ceiling division, and a dict of
builders for the three modes."""

from __future__ import annotations

import copy
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import torch
from torch import nn

MODES = ("frozen", "full", "scratch")


@dataclass(frozen=True)
class TrainConfig:
    epochs: int
    batch_size: int
    lr: float
    seed: int


class Net(nn.Module):
    def __init__(self, backbone: nn.Module, head: nn.Linear) -> None:
        super().__init__()
        self.backbone = backbone
        self.head = head

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.backbone(x))


def make_model(num_classes: int = 5) -> nn.Module:
    layers: list[nn.Module] = []
    channels = [1, 16, 32]
    for c_in, c_out in itertools.pairwise(channels):
        layers += [nn.Conv2d(c_in, c_out, 3, padding=1), nn.ReLU(), nn.MaxPool2d(2)]
    return Net(nn.Sequential(*layers, nn.Flatten()), nn.Linear(288, num_classes))


def steps(n: int, config: TrainConfig) -> int:
    return config.epochs * -(-n // config.batch_size)


def train(
    model: nn.Module, images: torch.Tensor, labels: torch.Tensor, config: TrainConfig
) -> list[float]:
    if images.shape[0] != labels.shape[0]:
        raise ValueError("train: images and labels differ in length")
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=config.lr, weight_decay=0.0)
    loss_fn = nn.CrossEntropyLoss(reduction="sum")
    generator = torch.Generator()
    generator.manual_seed(config.seed)
    n = labels.shape[0]
    model.train()
    history = []
    for _ in range(config.epochs):
        order = torch.randperm(n, generator=generator)
        summed = 0.0
        for start in range(0, n, config.batch_size):
            idx = order[start : start + config.batch_size]
            optimizer.zero_grad()
            loss = loss_fn(model(images[idx]), labels[idx])
            (loss / len(idx)).backward()
            optimizer.step()
            summed += loss.item()
        history.append(summed / n)
    return history


def pretrain(images: torch.Tensor, labels: torch.Tensor, config: TrainConfig) -> nn.Module:
    torch.manual_seed(config.seed)
    model = make_model(len(torch.unique(labels)))
    train(model, images, labels, config)
    model.eval()
    return model


def replace_head(model: nn.Module, num_classes: int) -> nn.Module:
    copied = copy.deepcopy(model)
    old: nn.Linear = copied.head
    copied.head = nn.Linear(old.in_features, num_classes)
    return copied


def freeze_backbone(model: nn.Module) -> nn.Module:
    model.backbone.requires_grad_(False)
    return model


def fine_tune(
    pretrained: nn.Module,
    images: torch.Tensor,
    labels: torch.Tensor,
    mode: str,
    config: TrainConfig,
) -> nn.Module:
    k = len(torch.unique(labels))
    builders: dict[str, Callable[[], nn.Module]] = {
        "frozen": lambda: freeze_backbone(replace_head(pretrained, k)),
        "full": lambda: replace_head(pretrained, k),
        "scratch": lambda: make_model(k),
    }
    if mode not in builders:
        raise ValueError(f"unknown mode {mode!r}: use frozen, full or scratch")
    torch.manual_seed(config.seed + 1)
    model = builders[mode]()
    train(model, images, labels, config)
    return model.eval()


def accuracy(model: nn.Module, images: torch.Tensor, labels: torch.Tensor) -> float:
    model.eval()
    with torch.inference_mode():
        right = sum(
            int((model(images[i : i + 500]).argmax(1) == labels[i : i + 500]).sum())
            for i in range(0, len(labels), 500)
        )
    return right / len(labels)


def compare(
    pretrained: nn.Module,
    train_images: torch.Tensor,
    train_labels: torch.Tensor,
    test_images: torch.Tensor,
    test_labels: torch.Tensor,
    config: TrainConfig,
) -> list[dict[str, object]]:
    table = []
    for mode in MODES:
        model = fine_tune(pretrained, train_images, train_labels, mode, config)
        table.append(
            {
                "mode": mode,
                "model": model,
                "accuracy": accuracy(model, test_images, test_labels),
                "steps": steps(len(train_labels), config),
            }
        )
    return table
