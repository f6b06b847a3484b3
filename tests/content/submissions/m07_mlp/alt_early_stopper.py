"""Correct, written differently: pixels scaled in NumPy, one Dataset with Subset views for the
two parts, layers named through an OrderedDict, AdamW, an EarlyStopper object that holds the
best weights, and the validation pass written inside train."""

from __future__ import annotations

import copy
import math
from collections import OrderedDict
from dataclasses import dataclass

import numpy as np
import torch
from torch import nn
from torch.utils.data import DataLoader, Dataset, Subset

LAYERS = (784, 256, 10)
DROPOUT = 0.2


@dataclass(frozen=True)
class TrainConfig:
    epochs: int = 4
    batch_size: int = 256
    lr: float = 2e-3
    patience: int = 2
    valid_fraction: float = 0.1
    seed: int = 0
    weight_decay: float = 1e-4


def split_indices(n, valid_fraction, seed):
    if not 0 < valid_fraction < 1:
        raise ValueError(f"valid_fraction must lie strictly between 0 and 1, not {valid_fraction}")
    rng = np.random.default_rng(seed)
    valid = rng.choice(n, size=round(n * valid_fraction), replace=False)
    is_valid = np.zeros(n, dtype=bool)
    is_valid[valid] = True
    return np.flatnonzero(~is_valid), np.sort(valid)


class FashionDataset(Dataset):
    def __init__(self, images, labels):
        images, labels = np.asarray(images), np.asarray(labels)
        if images.shape[0] != labels.shape[0]:
            raise ValueError(f"got {images.shape[0]} images and {labels.shape[0]} labels")
        self.x = images.reshape(images.shape[0], -1).astype(np.float32) / np.float32(255)
        self.y = labels.astype(np.int64)

    def __len__(self):
        return len(self.y)

    def __getitem__(self, i):
        return torch.from_numpy(self.x[i]), torch.tensor(self.y[i])


def make_model(layers=LAYERS, dropout=DROPOUT, seed=0):
    if len(layers) < 2:
        raise ValueError(f"layers={layers}: an MLP needs an input and an output width")
    named = OrderedDict([("flatten", nn.Flatten())])
    with torch.random.fork_rng():
        torch.manual_seed(seed)
        last = len(layers) - 2
        for i in range(len(layers) - 1):
            named[f"linear{i}"] = nn.Linear(layers[i], layers[i + 1])
            if i < last:
                named[f"relu{i}"] = nn.ReLU()
                named[f"dropout{i}"] = nn.Dropout(dropout)
    return nn.Sequential(named)


def count_parameters(layers):
    weights = sum(np.prod(layers[i : i + 2]) for i in range(len(layers) - 1))
    biases = sum(layers[1:])
    return int(weights + biases)


def evaluate(model, loader):
    model.eval()
    loss_fn = nn.CrossEntropyLoss(reduction="sum")
    loss, right, seen = 0.0, 0, 0
    with torch.no_grad():
        for x, y in loader:
            logits = model(x)
            loss += loss_fn(logits, y).item()
            right += (logits.argmax(-1) == y).sum().item()
            seen += y.shape[0]
    return loss / seen, right / seen


class EarlyStopper:
    def __init__(self, patience):
        self.patience, self.best, self.bad_epochs, self.weights = patience, math.inf, 0, None

    def should_stop(self, loss, model):
        if loss < self.best:
            self.best, self.bad_epochs = loss, 0
            self.weights = copy.deepcopy(model.state_dict())
            return False
        self.bad_epochs += 1
        return self.bad_epochs >= self.patience


def _train_one_epoch(model, loader, optimizer, loss_fn):
    model.train()
    summed, seen = 0.0, 0
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        summed += loss.item() * y.shape[0]
        seen += y.shape[0]
    return summed / seen


def train(model, images, labels, config):
    torch.manual_seed(config.seed)
    data = FashionDataset(images, labels)
    train_idx, valid_idx = split_indices(len(data), config.valid_fraction, config.seed)
    generator = torch.Generator()
    generator.manual_seed(config.seed)
    train_loader = DataLoader(
        Subset(data, train_idx), batch_size=config.batch_size, shuffle=True, generator=generator
    )
    valid_loader = DataLoader(Subset(data, valid_idx), batch_size=2048)
    optimizer = torch.optim.AdamW(
        model.parameters(), lr=config.lr, weight_decay=config.weight_decay
    )
    loss_fn = nn.CrossEntropyLoss()
    stopper = EarlyStopper(config.patience)
    history = []
    for epoch in range(config.epochs):
        train_loss = _train_one_epoch(model, train_loader, optimizer, loss_fn)
        valid_loss, valid_accuracy = evaluate(model, valid_loader)
        history.append(
            {
                "epoch": epoch + 1,
                "train_loss": train_loss,
                "valid_loss": valid_loss,
                "valid_accuracy": valid_accuracy,
            }
        )
        if stopper.should_stop(valid_loss, model):
            break
    model.load_state_dict(stopper.weights)
    return history
