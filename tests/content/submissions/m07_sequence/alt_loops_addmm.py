"""Correct another way: monthly means with NumPy's bincount, windows and forecasts built in
loops, the autoregression with a pseudo-inverse, a plain Scaler class, the LSTM's weights
drawn from a private generator state, and an RNN cell with torch.addmm."""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd
import torch
from torch import nn


def monthly_means(weekly):
    stamps = weekly["date"].to_numpy().astype("datetime64[M]")
    month = stamps.astype(np.int64)
    values = weekly["co2"].to_numpy(dtype=float)
    seen = ~np.isnan(values)
    offset = month - month.min()
    count = np.bincount(offset[seen], minlength=offset.max() + 1)
    total = np.bincount(offset[seen], weights=values[seen], minlength=offset.max() + 1)
    means = np.divide(total, count, out=np.full(len(count), np.nan), where=count > 0)
    empty = count == 0
    means[empty] = np.interp(np.flatnonzero(empty), np.flatnonzero(~empty), means[~empty])
    index = pd.DatetimeIndex((np.arange(len(means)) + month.min()).astype("datetime64[M]"))
    return pd.Series(means, index=index, name="co2")


def split_points(n, validation_months, test_months):
    if validation_months <= 0 or test_months <= 0:
        raise ValueError("the validation and the test part need at least one month each")
    if validation_months + test_months >= n:
        raise ValueError(f"no month is left to train on in a series of {n}")
    return n - test_months - validation_months, n - test_months


def make_windows(series, window, horizon, start, stop):
    origins, inputs, targets = [], [], []
    for t in range(max(window - 1, start - 1), stop - horizon):
        origins.append(t)
        inputs.append(series[t - window + 1 : t + 1])
        targets.append(series[t + 1 : t + 1 + horizon])
    return (
        np.array(origins, dtype=np.int64),
        np.array(inputs, dtype=float).reshape(-1, window),
        np.array(targets, dtype=float).reshape(-1, horizon),
    )


def seasonal_naive(series, origins, horizon, season=12):
    rows = []
    for t in origins:
        row = []
        for h in range(1, horizon + 1):
            back = h
            while back > 0:
                back -= season
            row.append(series[t + back])
        rows.append(row)
    return np.array(rows, dtype=float).reshape(-1, horizon)


def fit_autoregression(inputs, targets):
    design = np.c_[np.ones(len(inputs)), inputs]
    return np.linalg.pinv(design) @ targets


def predict_autoregression(coef, inputs):
    return np.c_[np.ones(len(inputs)), inputs] @ coef


class Scaler:
    def __init__(self, mean, std):
        self.mean, self.std = mean, std

    def transform(self, values):
        return (values - self.mean) / self.std

    def inverse(self, scaled):
        return scaled * self.std + self.mean


def fit_scaler(values):
    values = np.asarray(values, dtype=float)
    spread = values.std() if values.size else 0.0
    if values.size < 2 or spread == 0:
        raise ValueError("cannot scale: fewer than two values, or all of them the same (std 0)")
    return Scaler(values.mean(), spread)


def network_inputs(inputs, scaler):
    changes = scaler.transform(inputs[:, 1:] - inputs[:, :-1])
    return torch.tensor(changes[:, :, None], dtype=torch.float32)


def network_targets(inputs, targets, scaler):
    previous = np.c_[inputs[:, -1], targets[:, :-1]]
    return torch.tensor(scaler.transform(targets - previous), dtype=torch.float32)


def forecast_levels(inputs, outputs, scaler):
    changes = scaler.inverse(outputs.detach().numpy().astype(float))
    return inputs[:, -1:] + changes.cumsum(axis=1)


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
        self.lstm = nn.LSTM(input_size=1, hidden_size=hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, horizon)

    def forward(self, x):
        return self.head(self.lstm(x)[0][:, -1, :])


def train_lstm(x, y, config):
    saved = torch.get_rng_state()
    torch.manual_seed(config.seed)
    model = LSTMForecaster(y.shape[1], config.hidden_size)
    torch.set_rng_state(saved)
    shuffle = torch.Generator().manual_seed(config.seed + 1)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    for _ in range(config.epochs):
        model.train()
        order = torch.randperm(x.shape[0], generator=shuffle)
        for first in range(0, x.shape[0], config.batch_size):
            batch = order[first : first + config.batch_size]
            loss = ((model(x[batch]) - y[batch]) ** 2).mean()
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
    return model.eval()


@dataclass(frozen=True)
class Forecasts:
    origins: np.ndarray
    actual: np.ndarray
    seasonal_naive: np.ndarray
    autoregression: np.ndarray
    lstm: np.ndarray


def _forecast(values, model, coef, scaler, config, start, stop):
    origins, inputs, targets = make_windows(values, config.window, config.horizon, start, stop)
    with torch.no_grad():
        outputs = model(network_inputs(inputs, scaler))
    return Forecasts(
        origins=origins,
        actual=targets,
        seasonal_naive=seasonal_naive(values, origins, config.horizon),
        autoregression=predict_autoregression(coef, inputs),
        lstm=forecast_levels(inputs, outputs, scaler),
    )


def walk_forward(series, config):
    values = np.array(series, dtype=float)
    train_end, validation_end = split_points(
        len(values), config.validation_months, config.test_months
    )
    _, inputs, targets = make_windows(values, config.window, config.horizon, 0, train_end)
    scaler = fit_scaler(values[1:train_end] - values[: train_end - 1])
    coef = fit_autoregression(inputs, targets)
    model = train_lstm(
        network_inputs(inputs, scaler), network_targets(inputs, targets, scaler), config
    )
    return {
        "validation": _forecast(values, model, coef, scaler, config, train_end, validation_end),
        "test": _forecast(values, model, coef, scaler, config, validation_end, len(values)),
    }


class RNNCell(nn.Module):
    def __init__(self, input_size, hidden_size, bias=True):
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        bound = 1.0 / math.sqrt(hidden_size)

        def uniform(*shape):
            return nn.Parameter(torch.rand(*shape) * 2 * bound - bound)

        self.weight_ih = uniform(hidden_size, input_size)
        self.weight_hh = uniform(hidden_size, hidden_size)
        if bias:
            self.bias_ih = uniform(hidden_size)
            self.bias_hh = uniform(hidden_size)
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)

    def forward(self, x, h=None):
        if x.dim() not in (1, 2):
            raise ValueError(f"RNNCell takes 1-D or 2-D input, got shape {tuple(x.shape)}")
        if x.shape[-1] != self.input_size:
            raise ValueError(
                f"input has size {x.shape[-1]}, the cell's input_size is {self.input_size}"
            )
        batch = x.reshape(-1, self.input_size)
        if h is None:
            state = torch.zeros(batch.shape[0], self.hidden_size, dtype=x.dtype)
        else:
            if h.shape != (*x.shape[:-1], self.hidden_size):
                raise ValueError(f"h has shape {tuple(h.shape)}: hidden_size is {self.hidden_size}")
            state = h.reshape(-1, self.hidden_size)
        if self.bias_ih is None:
            total = batch @ self.weight_ih.t() + state @ self.weight_hh.t()
        else:
            total = torch.addmm(self.bias_ih, batch, self.weight_ih.t())
            total = torch.addmm(total + self.bias_hh, state, self.weight_hh.t())
        return torch.tanh(total).reshape(*x.shape[:-1], self.hidden_size)


def run_rnn(cell, inputs, h0=None):
    states = []
    h = h0
    for t in range(len(inputs)):
        h = cell(inputs[t], h)
        states.append(h)
    return torch.stack(states, dim=0), h
