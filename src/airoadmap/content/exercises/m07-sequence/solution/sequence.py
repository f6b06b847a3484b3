"""Recurrent networks: forecast monthly CO2 with an LSTM, and write an RNN cell yourself.

Part 1 forecasts the Mauna Loa CO2 series 12 months ahead, walking forward through time, and
compares an LSTM with two baselines. Part 2 writes the forward pass of `torch.nn.RNNCell` with
matrix products and tanh. Read brief.md first.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
import torch
from torch import nn

Array = np.ndarray[Any, np.dtype[np.float64]]
Index = np.ndarray[Any, np.dtype[np.int64]]

SEASON = 12  # months in one cycle of the series


# --- part 1: the data -------------------------------------------------------------------------


def monthly_means(weekly: pd.DataFrame) -> pd.Series:
    """The mean of each calendar month's weekly `co2` values, indexed by the first day of the
    month; a month without any value gets the straight line between its neighbouring months."""
    values = weekly.set_index("date")["co2"].sort_index()
    return values.resample("MS").mean().interpolate()


def split_points(n: int, validation_months: int, test_months: int) -> tuple[int, int]:
    """(train_end, validation_end): months [0, train_end) train the models, [train_end,
    validation_end) validate them, [validation_end, n) test them."""
    if validation_months < 1 or test_months < 1 or validation_months + test_months >= n:
        raise ValueError(
            f"split_points: {validation_months} validation and {test_months} test months "
            f"leave no training month in a series of {n}: each part needs at least one month."
        )
    validation_end = n - test_months
    return validation_end - validation_months, validation_end


def make_windows(
    series: Array, window: int, horizon: int, start: int, stop: int
) -> tuple[Index, Array, Array]:
    """Every forecast whose `horizon` target months all lie in series[start:stop].

    A forecast made at month t (its origin) sees series[t - window + 1 : t + 1] and predicts
    series[t + 1 : t + horizon + 1]. Returns origins (N,), inputs (N, window), targets
    (N, horizon), origins in increasing order.
    """
    values = np.asarray(series, dtype=np.float64)
    origins = np.arange(max(window - 1, start - 1), stop - horizon, dtype=np.int64)
    past = origins[:, None] + np.arange(-window + 1, 1)
    future = origins[:, None] + np.arange(1, horizon + 1)
    return origins, values[past], values[future]


# --- part 1: the baselines ----------------------------------------------------------------


def seasonal_naive(series: Array, origins: Index, horizon: int, season: int = SEASON) -> Array:
    """Each target month gets the last value seen at the origin from the same month of the
    cycle: series[t + h - season * k], k the smallest whole number with season * k >= h."""
    steps = np.arange(1, horizon + 1)
    cycles_back = -(-steps // season)  # ceil(steps / season)
    lags = steps - season * cycles_back  # 0 or negative: never after the origin
    values = np.asarray(series, dtype=np.float64)
    return values[np.asarray(origins)[:, None] + lags]


def fit_autoregression(inputs: Array, targets: Array) -> Array:
    """Least squares of each target column on a constant and the inputs: (window + 1, horizon),
    the intercepts in row 0."""
    design = np.column_stack([np.ones(len(inputs)), inputs])
    solution, *_ = np.linalg.lstsq(design, targets, rcond=None)
    return np.asarray(solution, dtype=np.float64)


def predict_autoregression(coef: Array, inputs: Array) -> Array:
    """The linear forecasts of `fit_autoregression`'s coefficients: (N, horizon)."""
    return coef[0] + np.asarray(inputs, dtype=np.float64) @ coef[1:]


# --- part 1: what the network sees -----------------------------------------------------------


@dataclass(frozen=True)
class Scaler:
    """Standardisation with a mean and a standard deviation learnt from training values."""

    mean: float
    std: float

    def transform(self, values: Array) -> Array:
        return (np.asarray(values, dtype=np.float64) - self.mean) / self.std

    def inverse(self, scaled: Array) -> Array:
        return np.asarray(scaled, dtype=np.float64) * self.std + self.mean


def fit_scaler(values: Array) -> Scaler:
    """The mean and the standard deviation (ddof=0) of `values`."""
    data = np.asarray(values, dtype=np.float64)
    if data.size < 2 or np.ptp(data) == 0:
        raise ValueError(
            f"fit_scaler needs at least two different values (got {data.size}, all equal): "
            "a constant has std 0 and cannot be standardised."
        )
    return Scaler(float(data.mean()), float(data.std()))


def network_inputs(inputs: Array, scaler: Scaler) -> torch.Tensor:
    """The scaled month-to-month changes inside each window: float32 (N, window - 1, 1)."""
    changes = scaler.transform(np.diff(inputs, axis=1))
    return torch.from_numpy(changes).to(torch.float32).unsqueeze(-1)


def network_targets(inputs: Array, targets: Array, scaler: Scaler) -> torch.Tensor:
    """The scaled changes from each window's last month through its target months, one month
    at a time: float32 (N, horizon)."""
    path = np.concatenate([np.asarray(inputs)[:, -1:], targets], axis=1)
    return torch.from_numpy(scaler.transform(np.diff(path, axis=1))).to(torch.float32)


def forecast_levels(inputs: Array, outputs: torch.Tensor, scaler: Scaler) -> Array:
    """Undo `network_targets`: each window's last value plus the running sum of the changes."""
    changes = scaler.inverse(outputs.detach().to(torch.float64).numpy())
    levels: Array = np.asarray(inputs, dtype=np.float64)[:, -1:] + np.cumsum(changes, axis=1)
    return levels


# --- part 1: the LSTM ---------------------------------------------------------------------


@dataclass(frozen=True)
class Config:
    """The walk-forward protocol (window, horizon, split) and the LSTM's training settings.

    The checks keep horizon, validation_months and test_months as they are here; tune the
    others on the validation months.
    """

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
    """An LSTM reads the sequence of changes; a linear layer maps its last output to the next
    `horizon` changes."""

    def __init__(self, horizon: int, hidden_size: int = 32) -> None:
        super().__init__()
        self.lstm = nn.LSTM(input_size=1, hidden_size=hidden_size, batch_first=True)
        self.head = nn.Linear(hidden_size, horizon)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (batch, steps, 1) -> (batch, horizon)."""
        outputs, _ = self.lstm(x)
        return self.head(outputs[:, -1])


def train_lstm(x: torch.Tensor, y: torch.Tensor, config: Config) -> LSTMForecaster:
    """Adam on the mean squared error, shuffled mini-batches; returned in eval mode.

    The seed fixes both the initial weights and the order of the batches: two calls with the
    same data and config return the same network.
    """
    torch.manual_seed(config.seed)
    order = torch.Generator().manual_seed(config.seed)
    model = LSTMForecaster(y.shape[1], config.hidden_size)
    optimizer = torch.optim.Adam(model.parameters(), lr=config.learning_rate)
    model.train()
    for _ in range(config.epochs):
        for batch in torch.randperm(len(x), generator=order).split(config.batch_size):
            optimizer.zero_grad()
            loss = nn.functional.mse_loss(model(x[batch]), y[batch])
            loss.backward()
            optimizer.step()
    return model.eval()


@dataclass(frozen=True)
class Forecasts:
    """The forecasts made from each origin of one part of the series: (N, horizon) each."""

    origins: Index
    actual: Array
    seasonal_naive: Array
    autoregression: Array
    lstm: Array


def walk_forward(series: Array, config: Config) -> dict[str, Forecasts]:
    """Fit on the training months only, then forecast every window of the validation and the
    test months from its origin: {"validation": ..., "test": ...}."""
    values = np.asarray(series, dtype=np.float64)
    train_end, validation_end = split_points(
        len(values), config.validation_months, config.test_months
    )
    _, train_inputs, train_targets = make_windows(
        values, config.window, config.horizon, 0, train_end
    )
    scaler = fit_scaler(np.diff(values[:train_end]))
    coef = fit_autoregression(train_inputs, train_targets)
    model = train_lstm(
        network_inputs(train_inputs, scaler),
        network_targets(train_inputs, train_targets, scaler),
        config,
    )
    parts = {"validation": (train_end, validation_end), "test": (validation_end, len(values))}
    forecasts = {}
    for name, (start, stop) in parts.items():
        origins, inputs, targets = make_windows(values, config.window, config.horizon, start, stop)
        with torch.no_grad():
            outputs = model(network_inputs(inputs, scaler))
        forecasts[name] = Forecasts(
            origins=origins,
            actual=targets,
            seasonal_naive=seasonal_naive(values, origins, config.horizon),
            autoregression=predict_autoregression(coef, inputs),
            lstm=forecast_levels(inputs, outputs, scaler),
        )
    return forecasts


# --- part 2: an RNN cell from scratch -------------------------------------------------------


class RNNCell(nn.Module):
    """h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh): torch.nn.RNNCell's parameters and
    initialisation, its forward pass written with matrix products."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True) -> None:
        super().__init__()
        self.input_size = input_size
        self.hidden_size = hidden_size
        self.weight_ih = nn.Parameter(torch.empty(hidden_size, input_size))
        self.weight_hh = nn.Parameter(torch.empty(hidden_size, hidden_size))
        self.bias_ih: nn.Parameter | None
        self.bias_hh: nn.Parameter | None
        if bias:
            self.bias_ih = nn.Parameter(torch.empty(hidden_size))
            self.bias_hh = nn.Parameter(torch.empty(hidden_size))
        else:
            self.register_parameter("bias_ih", None)
            self.register_parameter("bias_hh", None)
        self.reset_parameters()

    def reset_parameters(self) -> None:
        """Every parameter uniform in [-1/sqrt(hidden_size), 1/sqrt(hidden_size)]."""
        bound = 1.0 / math.sqrt(self.hidden_size)
        with torch.no_grad():
            for parameter in self.parameters():
                parameter.uniform_(-bound, bound)

    def forward(self, x: torch.Tensor, h: torch.Tensor | None = None) -> torch.Tensor:
        """x (batch, input_size) or (input_size,); h the same with hidden_size, zeros if None."""
        if x.dim() not in (1, 2) or x.shape[-1] != self.input_size:
            raise ValueError(
                f"RNNCell: x has shape {tuple(x.shape)}, expected (batch, {self.input_size}) "
                f"or ({self.input_size},): input_size is {self.input_size}."
            )
        expected = (*x.shape[:-1], self.hidden_size)
        if h is None:
            h = x.new_zeros(expected)
        elif tuple(h.shape) != expected:
            raise ValueError(
                f"RNNCell: h has shape {tuple(h.shape)}, expected {expected} for x of shape "
                f"{tuple(x.shape)} (hidden_size {self.hidden_size})."
            )
        pre = x @ self.weight_ih.T + h @ self.weight_hh.T
        if self.bias_ih is not None and self.bias_hh is not None:
            pre = pre + self.bias_ih + self.bias_hh
        return torch.tanh(pre)


def run_rnn(
    cell: RNNCell, inputs: torch.Tensor, h0: torch.Tensor | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """Unroll `cell` over time: inputs (steps, batch, input_size) or (steps, input_size) ->
    (every hidden state stacked like the inputs, the last hidden state)."""
    h = h0
    states = []
    for x in inputs:
        h = cell(x, h)
        states.append(h)
    return torch.stack(states), states[-1]
