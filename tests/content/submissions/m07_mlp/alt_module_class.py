"""Correct, written differently: an nn.Module subclass with functional dropout, a split drawn
with torch.randperm, pixels converted per item, SGD with Nesterov momentum, and early stopping
that counts epochs since the best one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
import torch.nn.functional as F
from torch import nn
from torch.utils.data import DataLoader, Dataset

LAYERS = (784, 256, 10)
DROPOUT = 0.2


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 4
    batch_size: int = 256
    lr: float = 0.05
    patience: int = 2
    valid_fraction: float = 0.1
    seed: int = 0


def split_indices(n, valid_fraction, seed):
    if valid_fraction <= 0 or valid_fraction >= 1:
        raise ValueError(f"valid_fraction={valid_fraction}: use a share strictly inside (0, 1)")
    order = torch.randperm(n, generator=torch.Generator().manual_seed(seed)).numpy()
    cut = int(n * valid_fraction + 0.5)
    return order[cut:], order[:cut]


class FashionDataset(Dataset):
    def __init__(self, images, labels):
        if len(images) != len(labels):
            raise ValueError("images and labels must have the same length")
        self.images = torch.from_numpy(np.array(images, dtype=np.uint8))
        self.labels = torch.from_numpy(np.array(labels, dtype=np.int64))

    def __len__(self):
        return self.labels.shape[0]

    def __getitem__(self, index):
        image = self.images[index].flatten().float() / 127.5 - 1.0
        return image, self.labels[index]


class MLP(nn.Module):
    def __init__(self, layers: Sequence[int], dropout: float) -> None:
        super().__init__()
        self.layers = nn.ModuleList(
            nn.Linear(layers[i], layers[i + 1]) for i in range(len(layers) - 1)
        )
        self.dropout = dropout

    def forward(self, x):
        x = x.flatten(1)
        for layer in self.layers[:-1]:
            x = F.dropout(F.relu(layer(x)), self.dropout, self.training)
        return self.layers[-1](x)


def make_model(layers=LAYERS, dropout=DROPOUT, seed=0):
    if len(layers) < 2:
        raise ValueError("layers: give the input width and the output width at least")
    torch.manual_seed(seed)
    return MLP(layers, dropout)


def count_parameters(layers):
    total = 0
    for i in range(len(layers) - 1):
        total += (layers[i] + 1) * layers[i + 1]
    return total


def evaluate(model, loader):
    model.eval()
    losses, hits = [], []
    with torch.inference_mode():
        for x, y in loader:
            out = model(x)
            losses.append(F.cross_entropy(out, y, reduction="none"))
            hits.append(out.argmax(1) == y)
    return torch.cat(losses).mean().item(), torch.cat(hits).float().mean().item()


def train(model, images, labels, config):
    train_idx, valid_idx = split_indices(len(images), config.valid_fraction, config.seed)
    torch.manual_seed(config.seed)
    train_loader = DataLoader(
        FashionDataset(images[train_idx], labels[train_idx]),
        batch_size=config.batch_size,
        shuffle=True,
    )
    valid_loader = DataLoader(FashionDataset(images[valid_idx], labels[valid_idx]), batch_size=500)
    optimizer = torch.optim.SGD(model.parameters(), lr=config.lr, momentum=0.9, nesterov=True)
    history = []
    best, best_epoch, best_weights = float("inf"), 0, None
    for epoch in range(1, config.epochs + 1):
        model.train()
        loss_sum = torch.zeros(())
        for x, y in train_loader:
            loss = F.cross_entropy(model(x), y)
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            optimizer.step()
            loss_sum += loss.detach() * y.numel()
        valid_loss, _ = evaluate(model, valid_loader)
        history.append(
            dict(epoch=epoch, train_loss=(loss_sum / len(train_idx)).item(), valid_loss=valid_loss)
        )
        if valid_loss < best:
            best, best_epoch = valid_loss, epoch
            best_weights = {k: v.detach().clone() for k, v in model.state_dict().items()}
        if epoch - best_epoch >= config.patience:
            break
    model.load_state_dict(best_weights)
    return history
