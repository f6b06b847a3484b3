"""Recurrent networks: forecast monthly CO2 with an LSTM, and write an RNN cell yourself.

Part 1 forecasts the Mauna Loa CO2 series 12 months ahead, walking forward through time, and
compares an LSTM with two baselines. Part 2 writes the forward pass of `torch.nn.RNNCell` with
matrix products and tanh. Read brief.md first.
"""

from __future__ import annotations

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
    raise NotImplementedError("monthly_means: resample the weekly values by month, interpolate")


def split_points(n: int, validation_months: int, test_months: int) -> tuple[int, int]:
    """(train_end, validation_end): months [0, train_end) train the models, [train_end,
    validation_end) validate them, [validation_end, n) test them."""
    raise NotImplementedError("split_points: where training and validation end")


def make_windows(
    series: Array, window: int, horizon: int, start: int, stop: int
) -> tuple[Index, Array, Array]:
    """Every forecast whose `horizon` target months all lie in series[start:stop].

    A forecast made at month t (its origin) sees series[t - window + 1 : t + 1] and predicts
    series[t + 1 : t + horizon + 1]. Returns origins (N,), inputs (N, window), targets
    (N, horizon), origins in increasing order.
    """
    raise NotImplementedError("make_windows: origins, inputs and targets")


# --- part 1: the baselines ----------------------------------------------------------------


def seasonal_naive(series: Array, origins: Index, horizon: int, season: int = SEASON) -> Array:
    """Each target month gets the last value seen at the origin from the same month of the
    cycle: series[t + h - season * k], k the smallest whole number with season * k >= h."""
    raise NotImplementedError("seasonal_naive: the same month of the last cycle seen")


def fit_autoregression(inputs: Array, targets: Array) -> Array:
    """Least squares of each target column on a constant and the inputs: (window + 1, horizon),
    the intercepts in row 0."""
    raise NotImplementedError("fit_autoregression: least squares with an intercept")


def predict_autoregression(coef: Array, inputs: Array) -> Array:
    """The linear forecasts of `fit_autoregression`'s coefficients: (N, horizon)."""
    raise NotImplementedError("predict_autoregression: coef[0] + inputs @ coef[1:]")


# --- part 1: what the network sees -----------------------------------------------------------


@dataclass(frozen=True)
class Scaler:
    """Standardisation with a mean and a standard deviation learnt from training values."""

    mean: float
    std: float

    def transform(self, values: Array) -> Array:
        raise NotImplementedError("Scaler.transform: (values - mean) / std")

    def inverse(self, scaled: Array) -> Array:
        raise NotImplementedError("Scaler.inverse: undo transform")


def fit_scaler(values: Array) -> Scaler:
    """The mean and the standard deviation (ddof=0) of `values`."""
    raise NotImplementedError("fit_scaler: a Scaler with the mean and the std of values")


def network_inputs(inputs: Array, scaler: Scaler) -> torch.Tensor:
    """The scaled month-to-month changes inside each window: float32 (N, window - 1, 1)."""
    raise NotImplementedError("network_inputs: scaled changes, one feature per step")


def network_targets(inputs: Array, targets: Array, scaler: Scaler) -> torch.Tensor:
    """The scaled changes from each window's last month through its target months, one month
    at a time: float32 (N, horizon)."""
    raise NotImplementedError("network_targets: scaled changes from the last input on")


def forecast_levels(inputs: Array, outputs: torch.Tensor, scaler: Scaler) -> Array:
    """Undo `network_targets`: each window's last value plus the running sum of the changes."""
    raise NotImplementedError("forecast_levels: last value + cumulative sum of the changes")


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
        raise NotImplementedError("LSTMForecaster: self.lstm and self.head")

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        """x (batch, steps, 1) -> (batch, horizon)."""
        raise NotImplementedError("LSTMForecaster.forward: head of the last LSTM output")


def train_lstm(x: torch.Tensor, y: torch.Tensor, config: Config) -> LSTMForecaster:
    """Adam on the mean squared error, shuffled mini-batches; returned in eval mode.

    The seed fixes both the initial weights and the order of the batches: two calls with the
    same data and config return the same network.
    """
    raise NotImplementedError("train_lstm: a seeded training loop")


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
    raise NotImplementedError("walk_forward: split, fit on training, forecast both parts")


# --- part 2: an RNN cell from scratch -------------------------------------------------------


class RNNCell(nn.Module):
    """h' = tanh(x W_ih^T + b_ih + h W_hh^T + b_hh): torch.nn.RNNCell's parameters and
    initialisation, its forward pass written with matrix products."""

    def __init__(self, input_size: int, hidden_size: int, bias: bool = True) -> None:
        super().__init__()
        raise NotImplementedError("RNNCell: weight_ih, weight_hh, bias_ih, bias_hh")

    def forward(self, x: torch.Tensor, h: torch.Tensor | None = None) -> torch.Tensor:
        """x (batch, input_size) or (input_size,); h the same with hidden_size, zeros if None."""
        raise NotImplementedError("RNNCell.forward: tanh of two affine maps")


def run_rnn(
    cell: RNNCell, inputs: torch.Tensor, h0: torch.Tensor | None = None
) -> tuple[torch.Tensor, torch.Tensor]:
    """Unroll `cell` over time: inputs (steps, batch, input_size) or (steps, input_size) ->
    (every hidden state stacked like the inputs, the last hidden state)."""
    raise NotImplementedError("run_rnn: call the cell once per step")
