"""Correct another way: monthly means through periods, windows with NumPy's
sliding_window_view, the autoregression by the normal equations, a NamedTuple scaler, torch
operations for the network's tensors, a seeded DataLoader, and an RNN cell with F.linear."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
import pandas as pd
import torch
from numpy.lib.stride_tricks import sliding_window_view
from torch import nn
from torch.nn import functional as F
from torch.utils.data import DataLoader, TensorDataset

SEASON = 12


def monthly_means(weekly):
    months = weekly["date"].dt.to_period("M")
    means = weekly.groupby(months)["co2"].mean()
    every = pd.period_range(months.min(), months.max(), freq="M")
    filled = means.reindex(every).interpolate()
    filled.index = every.to_timestamp()
    return filled


def split_points(n, validation_months, test_months):
    train_end = n - validation_months - test_months
    if min(train_end, validation_months, test_months) < 1:
        raise ValueError(f"{n} months cannot hold a training, a validation and a test part")
    return train_end, train_end + validation_months


def make_windows(series, window, horizon, start, stop):
    values = np.asarray(series, dtype=float)
    frames = sliding_window_view(values, window + horizon)  # frame i starts at month i
    first = max(0, start - window)
    last = stop - window - horizon  # the last frame whose targets end before stop
    chosen = frames[first : last + 1] if last >= first else frames[:0]
    origins = np.arange(first, first + len(chosen)) + window - 1
    return origins, chosen[:, :window].copy(), chosen[:, window:].copy()


def seasonal_naive(series, origins, horizon, season=SEASON):
    values = np.asarray(series, dtype=float)
    out = np.empty((len(origins), horizon))
    for h in range(1, horizon + 1):
        out[:, h - 1] = values[np.asarray(origins) + h - season * math.ceil(h / season)]
    return out


def fit_autoregression(inputs, targets):
    design = np.hstack([np.ones((len(inputs), 1)), inputs])
    return np.linalg.solve(design.T @ design, design.T @ targets)


def predict_autoregression(coef, inputs):
    return np.hstack([np.ones((len(inputs), 1)), inputs]) @ coef


class Scaler(NamedTuple):
    mean: float
    std: float

    def transform(self, values):
        return (np.asarray(values, dtype=float) - self.mean) / self.std

    def inverse(self, scaled):
        return self.mean + self.std * np.asarray(scaled, dtype=float)


def fit_scaler(values):
    values = np.asarray(values, dtype=float)
    if len(values) < 2 or np.ptp(values) == 0:
        raise ValueError("fit_scaler: the values are constant (std 0); nothing to scale by")
    return Scaler(values.mean(), values.std())


def network_inputs(inputs, scaler):
    levels = torch.as_tensor(np.asarray(inputs), dtype=torch.float64)
    return ((torch.diff(levels, dim=1) - scaler.mean) / scaler.std).float()[..., None]


def network_targets(inputs, targets, scaler):
    path = torch.as_tensor(np.hstack([np.asarray(inputs)[:, -1:], targets]))
    return ((torch.diff(path, dim=1) - scaler.mean) / scaler.std).float()


def forecast_levels(inputs, outputs, scaler):
    changes = outputs.double() * scaler.std + scaler.mean
    last = torch.as_tensor(np.asarray(inputs)[:, -1:], dtype=torch.float64)
    return (last + torch.cumsum(changes, dim=1)).numpy()


@dataclass(frozen=True)
class Config:
    window: int = 24
    horizon: int = 12
    validation_months: int = 48
    test_months: int = 72
    hidden_size: int = 32
    epochs: int = 30
    batch_size: int = 32
    learning_rate: float = 0.01
    seed: int = 0


class LSTMForecaster(nn.Module):
    def __init__(self, horizon, hidden_size=32):
        super().__init__()
        self.lstm = nn.LSTM(1, hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, horizon)

    def forward(self, x):
        _, (h_n, _) = self.lstm(x)
        return self.head(h_n[-1])  # one layer: the output of the last step


def train_lstm(x, y, config):
    with torch.random.fork_rng():
        torch.manual_seed(config.seed)
        model = LSTMForecaster(y.shape[1], config.hidden_size)
    batches = DataLoader(
        TensorDataset(x, y),
        batch_size=config.batch_size,
        shuffle=True,
        generator=torch.Generator().manual_seed(config.seed),
    )
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    model.train()
    for _ in range(config.epochs):
        for inputs, targets in batches:
            optimizer.zero_grad()
            F.mse_loss(model(inputs), targets).backward()
            optimizer.step()
    model.eval()
    return model


@dataclass(frozen=True)
class Forecasts:
    origins: np.ndarray
    actual: np.ndarray
    seasonal_naive: np.ndarray
    autoregression: np.ndarray
    lstm: np.ndarray


def walk_forward(series, config):
    values = np.asarray(series, dtype=float)
    train_end, validation_end = split_points(
        len(values), config.validation_months, config.test_months
    )
    training = make_windows(values[:train_end], config.window, config.horizon, 0, train_end)
    _, inputs, targets = training
    scaler = fit_scaler(np.diff(values[:train_end]))
    coef = fit_autoregression(inputs, targets)
    model = train_lstm(
        network_inputs(inputs, scaler), network_targets(inputs, targets, scaler), config
    )
    result = {}
    for part, start, stop in (
        ("validation", train_end, validation_end),
        ("test", validation_end, len(values)),
    ):
        origins, inputs, targets = make_windows(values, config.window, config.horizon, start, stop)
        with torch.no_grad():
            lstm = forecast_levels(inputs, model(network_inputs(inputs, scaler)), scaler)
        result[part] = Forecasts(
            origins,
            targets,
            seasonal_naive(values, origins, config.horizon),
            predict_autoregression(coef, inputs),
            lstm,
        )
    return result


class RNNCell(nn.Module):
    def __init__(self, input_size, hidden_size, bias=True):
        super().__init__()
        self.input_size, self.hidden_size = input_size, hidden_size
        self.weight_ih = nn.Parameter(torch.empty(hidden_size, input_size))
        self.weight_hh = nn.Parameter(torch.empty(hidden_size, hidden_size))
        self.bias_ih = nn.Parameter(torch.empty(hidden_size)) if bias else None
        self.bias_hh = nn.Parameter(torch.empty(hidden_size)) if bias else None
        for weight in self.parameters():
            nn.init.uniform_(weight, -1 / math.sqrt(hidden_size), 1 / math.sqrt(hidden_size))

    def forward(self, x, h=None):
        if x.ndim > 2 or x.ndim == 0 or x.size(-1) != self.input_size:
            raise ValueError(f"expected an input of size {self.input_size}, got shape {x.shape}")
        unbatched = x.ndim == 1
        if unbatched:
            x = x[None]
            h = None if h is None else h[None]
        if h is None:
            h = torch.zeros(x.size(0), self.hidden_size, dtype=x.dtype)
        if h.shape != (x.size(0), self.hidden_size):
            raise ValueError(f"expected a hidden state of shape {(x.size(0), self.hidden_size)}")
        new = torch.tanh(
            F.linear(x, self.weight_ih, self.bias_ih) + F.linear(h, self.weight_hh, self.bias_hh)
        )
        return new[0] if unbatched else new


def run_rnn(cell, inputs, h0=None):
    outputs = inputs.new_empty(*inputs.shape[:-1], cell.hidden_size)
    h = h0
    for step in range(inputs.size(0)):
        h = cell(inputs[step], h)
        outputs[step] = h
    return outputs, h
