"""Checks of m07-sequence: a walk-forward LSTM forecaster of monthly CO2, and an RNN cell.

Every reference is computed here, independently of the learner's code: the monthly series with
NumPy (bincount and interp), windows and the seasonal naive forecasts with loops, the linear
autoregression with `np.linalg.lstsq`, the RNN cell with `torch.nn.RNNCell` and `torch.nn.RNN`
given the same weights. The walk-forward checks run the learner's `walk_forward` with a quick
training (2 epochs, 8 hidden units) on the real series and on copies whose later months were
shuffled and shifted: a forecast made at month t must not change when only months after t
change. The bar trains once, with the learner's own settings, and compares the LSTM's test
error with the seasonal naive forecast's.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from types import ModuleType
from typing import Any

import numpy as np
import pandas as pd

from airoadmap.errors import GradingError
from airoadmap.grading.api import (
    Context,
    check,
    expect,
    expect_bar,
    expect_close,
    expect_equal,
    expect_raises,
    fail,
)
from airoadmap.grading.kit.modelcheck import once
from airoadmap.grading.kit.needs import TORCH, need

Array = np.ndarray[Any, np.dtype[np.float64]]

MODULE = "sequence"
DATASET = "mauna-loa-co2"

# The protocol the walk-forward checks and the bar use, whatever the learner's Config says:
# forecasts 12 months ahead, 48 validation months (1992-1995), 72 test months (1996-2001).
HORIZON = 12
VALIDATION_MONTHS = 48
TEST_MONTHS = 72
SEASON = 12
# The quick training of the structure, leak and seed checks (the bar uses the learner's).
QUICK = {"epochs": 2, "hidden_size": 8}
# The look-ahead test: from month p on, the series is shuffled and shifted by this many ppm.
SHIFT_PPM = 50.0
# p, in months after the start of the validation part (inside it) and of the test part.
LEAK_STARTS = {"validation": 20, "test": 30}
# Two runs of the same code on the same months give the same forecasts to rounding.
SAME_ATOL = 1e-6
# Two correct least-squares solvers (lstsq, normal equations) agree to about 1e-7 ppm here.
AR_ATOL = 1e-4

# The initialisation check: with 400 hidden units, each parameter holds at least 400 values
# uniform in +-1/sqrt(400); the chance that none lies beyond 0.9 of the bound on one side is
# 0.95 ** 400, about 1e-9.
INIT_HIDDEN = 400
INIT_REACH = 0.9
# train_lstm's own check: a tiny network on random data, quick.
TRAIN_SETTINGS = {"hidden_size": 4, "batch_size": 8, "seed": 3}

RECURRENT_KERNELS = frozenset(
    {
        "rnn_tanh_cell",
        "rnn_relu_cell",
        "rnn_tanh",
        "rnn_relu",
        "lstm",
        "lstm_cell",
        "gru",
        "gru_cell",
        "quantized_rnn_tanh_cell",
        "quantized_rnn_relu_cell",
        "quantized_lstm_cell",
        "quantized_gru_cell",
    }
)


def _torch() -> ModuleType:
    """PyTorch (imported on first use)."""
    return need("torch", exercise="m07-sequence", install=TORCH)


def _module(ctx: Context, *names: str) -> ModuleType:
    module = ctx.load(MODULE)
    for name in names:
        if getattr(module, name, None) is None:
            fail(f"{MODULE}.py defines no {name}: keep the names of the starter.")
    return module


# --- the data, computed here ---------------------------------------------------------------


@cache
def _weekly() -> pd.DataFrame:
    """The weekly series from the data set registry (loaded before any learner code runs)."""
    try:
        from airoadmap.datasets import load_frame

        return load_frame(DATASET)
    except Exception as exc:
        raise GradingError(
            f"m07-sequence needs the {DATASET} data set, which could not be read ({exc}): "
            "pip install statsmodels, or run `airoadmap data fetch mauna-loa-co2`."
        ) from exc


def _reference_monthly(weekly: pd.DataFrame) -> tuple[np.ndarray[Any, Any], Array, Array]:
    """(first day of each month, monthly means, whether the month had a value): the months
    from the first date's to the last date's, empty months linearly interpolated."""
    months = weekly["date"].to_numpy().astype("datetime64[M]")
    values = weekly["co2"].to_numpy(dtype=float)
    number = months.astype(np.int64)
    first = int(number.min())
    position = number - first
    size = int(position.max()) + 1
    seen = ~np.isnan(values)
    sums = np.bincount(position[seen], weights=values[seen], minlength=size)
    counts = np.bincount(position[seen], minlength=size)
    has = counts > 0
    means = np.full(size, np.nan)
    means[has] = sums[has] / counts[has]
    means[~has] = np.interp(np.flatnonzero(~has), np.flatnonzero(has), means[has])
    starts = (np.arange(size) + first).astype("datetime64[M]")
    return starts, means, has.astype(float)


@cache
def _series() -> Array:
    """The monthly CO2 series the walk-forward checks use (526 months, 1958-03 to 2001-12)."""
    return _reference_monthly(_weekly())[1]


def _reference_windows(
    series: Array, window: int, horizon: int, start: int, stop: int
) -> tuple[np.ndarray[Any, Any], Array, Array]:
    origins, inputs, targets = [], [], []
    for t in range(len(series)):
        if t - window + 1 >= 0 and t + 1 >= start and t + horizon < stop:
            origins.append(t)
            inputs.append(series[t - window + 1 : t + 1])
            targets.append(series[t + 1 : t + horizon + 1])
    return (
        np.array(origins, dtype=np.int64),
        np.array(inputs, dtype=float).reshape(-1, window),
        np.array(targets, dtype=float).reshape(-1, horizon),
    )


def _reference_naive(series: Array, origins: Any, horizon: int, season: int) -> Array:
    out = np.empty((len(origins), horizon))
    for i, t in enumerate(origins):
        for h in range(1, horizon + 1):
            k = 1
            while season * k < h:
                k += 1
            out[i, h - 1] = series[t + h - season * k]
    return out


def _reference_ar(train_inputs: Array, train_targets: Array, inputs: Array) -> Array:
    design = np.column_stack([np.ones(len(train_inputs)), train_inputs])
    coef = np.linalg.lstsq(design, train_targets, rcond=None)[0]
    forecasts: Array = np.column_stack([np.ones(len(inputs)), inputs]) @ coef
    return forecasts


def _splits(n: int) -> tuple[int, int]:
    """(train_end, validation_end) of the protocol, computed here."""
    return n - TEST_MONTHS - VALIDATION_MONTHS, n - TEST_MONTHS


# --- part 1: data, windows, baselines, scaling ----------------------------------------------


@check("monthly_means averages each month and fills the empty ones with a line", hint="data")
def monthly_means(ctx: Context) -> None:
    module = _module(ctx, "monthly_means")
    weekly = _weekly()
    shuffled = weekly.sample(frac=1.0, random_state=3).reset_index(drop=True)
    given = shuffled.copy()
    result = module.monthly_means(shuffled)
    expect(
        shuffled.equals(given),
        "monthly_means changed the frame it was given (sorted or modified in place): work on "
        "a copy, or with set_index/sort_index, which return new frames.",
    )
    expect(
        isinstance(result, pd.Series),
        f"monthly_means returned {type(result).__name__}, expected a pandas Series.",
    )
    starts, means, had = _reference_monthly(weekly)
    expected_index = pd.DatetimeIndex(starts.astype("datetime64[ns]"))
    expect(
        len(result) == len(means),
        f"monthly_means returned {len(result)} months, expected {len(means)} (every month from "
        "1958-03 to 2001-12, empty ones included; the weeks were given in a shuffled order).",
    )
    expect(
        isinstance(result.index, pd.DatetimeIndex),
        f"monthly_means' index is a {type(result.index).__name__}, expected a DatetimeIndex of "
        "the first day of each month (resample('MS') gives one).",
    )
    index = pd.DatetimeIndex(result.index)
    expect(
        bool((index.as_unit("ns") == expected_index).all()),
        f"monthly_means' index runs from {index[0]} to {index[-1]}, expected the first day of "
        f"each month from {expected_index[0].date()} to {expected_index[-1].date()} "
        "(resample('MS')).",
    )
    values = result.to_numpy(dtype=float)
    full = had.astype(bool)
    expect_close(
        values[full],
        means[full],
        what="monthly_means: the months with measurements",
        rtol=1e-12,
        atol=1e-9,
        note="Each is the mean of that month's weekly values, missing weeks left out.",
    )
    for i in np.flatnonzero(~full):
        month = str(starts[i])
        expect(
            bool(np.isfinite(values[i])),
            f"monthly_means left the month {month} empty ({values[i]}): it has no measurement; "
            "fill it with the straight line between its neighbouring months (interpolate()).",
        )
        expect_close(
            values[i],
            means[i],
            what=f"monthly_means: the empty month {month}",
            rtol=1e-12,
            atol=1e-9,
            note="A month without measurements gets the straight line between the nearest "
            "months that have one, months counted as equal steps (interpolate(), not ffill).",
        )


@check("split_points cuts train, then validation, then test, in time order", hint="data")
def split_points(ctx: Context) -> None:
    module = _module(ctx, "split_points")
    for n, validation, test in ((526, 48, 72), (100, 10, 20), (5, 1, 3), (5, 3, 1)):
        expected = (n - validation - test, n - test)
        result = module.split_points(n, validation, test)
        expect_equal(
            tuple(result) if isinstance(result, list | tuple) else result,
            expected,
            call=f"split_points({n}, {validation}, {test})",
            note="Training first, validation next, the test months last: train_end = n - "
            "validation - test, validation_end = n - test.",
        )
    for n, validation, test in ((100, 50, 50), (100, 0, 10), (100, 10, 0), (10, 5, 6)):
        expect_raises(
            ValueError,
            module.split_points,
            n,
            validation,
            test,
            call=f"split_points({n}, {validation}, {test})",
            mentions_any=("month", "train"),
            problem="a part without months",
        )


@check("make_windows returns every window whose targets lie in [start, stop)", hint="data")
def make_windows(ctx: Context) -> None:
    module = _module(ctx, "make_windows")
    series = np.random.default_rng(11).normal(size=60).cumsum()
    cases = ((24, 12, 0, 40), (5, 3, 30, 50), (1, 1, 10, 20), (6, 4, 45, 60), (6, 4, 58, 60))
    for window, horizon, start, stop in cases:
        call = f"make_windows(series of 60, window={window}, horizon={horizon}, {start}, {stop})"
        expected = _reference_windows(series, window, horizon, start, stop)
        result = module.make_windows(series.copy(), window, horizon, start, stop)
        expect(
            isinstance(result, tuple) and len(result) == 3,
            f"{call} returned {type(result).__name__}, expected (origins, inputs, targets).",
        )
        origins, inputs, targets = (np.asarray(part) for part in result)
        n = len(expected[0])
        expect(
            origins.shape == (n,) and inputs.shape == (n, window) and targets.shape == (n, horizon),
            f"{call} returned shapes {origins.shape}, {inputs.shape}, {targets.shape}; expected "
            f"({n},), ({n}, {window}), ({n}, {horizon}): one row per origin t with t - "
            f"{window - 1} >= 0 and every target month t + 1 .. t + {horizon} in "
            f"[{start}, {stop}).",
        )
        expect_equal(
            origins.tolist(),
            expected[0].tolist(),
            call=f"{call}: the origins",
            note="An origin is the last month a forecast sees.",
        )
        expect_close(
            inputs,
            expected[1],
            what=f"{call}: the inputs",
            rtol=0,
            atol=0,
            note="The inputs of origin t are series[t - window + 1 : t + 1], ending at t.",
        )
        expect_close(
            targets,
            expected[2],
            what=f"{call}: the targets",
            rtol=0,
            atol=0,
            note="The targets of origin t are series[t + 1 : t + horizon + 1], after t.",
        )


@check("seasonal_naive repeats the same month of the last cycle seen", hint="baselines")
def seasonal_naive(ctx: Context) -> None:
    module = _module(ctx, "seasonal_naive")
    series = np.random.default_rng(12).normal(size=80)
    origins = np.arange(20, 60)
    for horizon, season in ((12, 12), (18, 12), (5, 12), (7, 4)):
        call = f"seasonal_naive(series, origins 20..59, horizon={horizon}, season={season})"
        result = module.seasonal_naive(series.copy(), origins.copy(), horizon, season=season)
        expect_close(
            result,
            _reference_naive(series, origins, horizon, season),
            what=call,
            rtol=0,
            atol=0,
            note=f"Month t + h gets series[t + h - {season} * k], k the smallest whole number "
            f"with {season} * k >= h: the same month of the cycle, at or before the origin t "
            "(for h beyond one cycle, k = 2).",
        )


@check("the linear autoregression is least squares with an intercept", hint="baselines")
def autoregression(ctx: Context) -> None:
    module = _module(ctx, "fit_autoregression", "predict_autoregression")
    rng = np.random.default_rng(13)
    inputs = rng.normal(size=(50, 6))
    targets = 2.0 + inputs @ rng.normal(size=(6, 3)) + rng.normal(scale=0.1, size=(50, 3))
    design = np.column_stack([np.ones(50), inputs])
    expected = np.linalg.lstsq(design, targets, rcond=None)[0]
    coef = module.fit_autoregression(inputs.copy(), targets.copy())
    expect_close(
        coef,
        expected,
        what="fit_autoregression(inputs (50, 6), targets (50, 3))",
        rtol=1e-8,
        atol=1e-10,
        note="Row 0 holds the intercepts, rows 1..6 the weights of the inputs: least squares "
        "of the targets on [1, inputs].",
    )
    new = rng.normal(size=(7, 6))
    expect_close(
        module.predict_autoregression(expected.copy(), new.copy()),
        np.column_stack([np.ones(7), new]) @ expected,
        what="predict_autoregression(coef (7, 3), inputs (7, 6))",
        rtol=1e-10,
        atol=1e-12,
        note="The forecast is coef[0] + inputs @ coef[1:].",
    )


@check("fit_scaler learns a mean and a std; Scaler scales and unscales", hint="scaling")
def scaler(ctx: Context) -> None:
    module = _module(ctx, "fit_scaler", "Scaler")
    values = np.random.default_rng(14).normal(loc=0.12, scale=0.8, size=200)
    fitted = module.fit_scaler(values.copy())
    mean, std = getattr(fitted, "mean", None), getattr(fitted, "std", None)
    expect_close(mean, values.mean(), what="fit_scaler(values).mean", rtol=1e-12)
    expect_close(
        std,
        values.std(),
        what="fit_scaler(values).std",
        rtol=1e-12,
        note="The standard deviation with ddof=0 (np.std's default).",
    )
    pair = module.fit_scaler(np.array([1.0, 3.0]))
    expect_close(
        (getattr(pair, "mean", None), getattr(pair, "std", None)),
        (2.0, 1.0),
        what="(mean, std) of fit_scaler(np.array([1.0, 3.0]))",
        note="Two different values are enough to standardise.",
    )
    given = module.Scaler(mean=0.5, std=2.0)
    sample = np.array([[-1.5, 0.5], [2.5, 4.5]])
    expect_close(
        given.transform(sample),
        (sample - 0.5) / 2.0,
        what="Scaler(mean=0.5, std=2.0).transform([[-1.5, 0.5], [2.5, 4.5]])",
    )
    expect_close(
        given.inverse((sample - 0.5) / 2.0),
        sample,
        what="Scaler(mean=0.5, std=2.0).inverse(its transform)",
    )
    for bad in ([2.0, 2.0, 2.0], [1.0]):
        expect_raises(
            ValueError,
            module.fit_scaler,
            np.array(bad),
            call=f"fit_scaler(np.array({bad}))",
            mentions_any=("std", "constant", "different", "zero"),
            problem="values without spread",
        )


@check("network_inputs and network_targets are scaled changes; forecast_levels undoes them",
       hint="scaling")  # fmt: skip
def network_tensors(ctx: Context) -> None:
    module = _module(ctx, "network_inputs", "network_targets", "forecast_levels", "Scaler")
    torch = _torch()
    rng = np.random.default_rng(15)
    series = 300.0 + rng.normal(size=(9, 16)).cumsum(axis=1)
    inputs, targets = series[:, :10], series[:, 10:]
    fitted = module.Scaler(mean=0.1, std=0.7)
    x = module.network_inputs(inputs.copy(), fitted)
    expect(
        isinstance(x, torch.Tensor) and x.dtype == torch.float32,
        f"network_inputs returned {type(x).__name__} {getattr(x, 'dtype', '')}, expected a "
        "float32 torch.Tensor.",
    )
    expect_close(
        x.numpy(),
        ((np.diff(inputs, axis=1) - 0.1) / 0.7)[:, :, None],
        what="network_inputs(inputs (9, 10), Scaler(mean=0.1, std=0.7))",
        rtol=1e-5,
        atol=1e-5,
        note="Shape (N, window - 1, 1): the scaled changes np.diff(inputs, axis=1), one "
        "feature per step.",
    )
    y = module.network_targets(inputs.copy(), targets.copy(), fitted)
    expect(
        isinstance(y, torch.Tensor) and y.dtype == torch.float32,
        f"network_targets returned {type(y).__name__} {getattr(y, 'dtype', '')}, expected a "
        "float32 torch.Tensor.",
    )
    path = np.concatenate([inputs[:, -1:], targets], axis=1)
    expect_close(
        y.numpy(),
        (np.diff(path, axis=1) - 0.1) / 0.7,
        what="network_targets(inputs (9, 10), targets (9, 6), Scaler(mean=0.1, std=0.7))",
        rtol=1e-5,
        atol=1e-5,
        note="Shape (N, horizon): the scaled changes from the last input to the first target, "
        "then from each target to the next.",
    )
    expect_close(
        module.forecast_levels(inputs.copy(), y, fitted),
        targets,
        what="forecast_levels(inputs, network_targets(inputs, targets, scaler), scaler)",
        rtol=0,
        atol=1e-3,
        note="forecast_levels undoes network_targets: unscale the changes, then add their "
        "running sum (np.cumsum) to each window's last value.",
    )


@check("LSTMForecaster maps the last LSTM output to the horizon", hint="lstm")
def lstm_model(ctx: Context) -> None:
    module = _module(ctx, "LSTMForecaster")
    torch = _torch()
    torch.manual_seed(16)
    model = module.LSTMForecaster(horizon=5, hidden_size=7)
    lstm, head = getattr(model, "lstm", None), getattr(model, "head", None)
    expect(
        isinstance(lstm, torch.nn.LSTM),
        f"LSTMForecaster(horizon=5, hidden_size=7).lstm is {type(lstm).__name__}, expected an "
        "nn.LSTM.",
    )
    assert isinstance(lstm, torch.nn.LSTM)
    settings = (lstm.input_size, lstm.hidden_size, lstm.num_layers, lstm.batch_first)
    expect_equal(
        settings,
        (1, 7, 1, True),
        call="(input_size, hidden_size, num_layers, batch_first) of LSTMForecaster(5, 7).lstm",
    )
    expect(
        isinstance(head, torch.nn.Linear) and (head.in_features, head.out_features) == (7, 5),
        "LSTMForecaster(horizon=5, hidden_size=7).head should be nn.Linear(7, 5), from the "
        "LSTM's hidden size to the horizon.",
    )
    assert isinstance(head, torch.nn.Linear)
    model.eval()
    for steps in (23, 9):
        x = torch.randn(4, steps, 1)
        with torch.no_grad():
            out = model(x)
            expected = head(lstm(x)[0][:, -1])
        expect_close(
            out.numpy(),
            expected.numpy(),
            what=f"LSTMForecaster(5, 7) on x of shape (4, {steps}, 1)",
            rtol=1e-5,
            atol=1e-6,
            note="The forecast is head(output of the LSTM at the last step), shape (batch, "
            "horizon).",
        )


def _weights(model: Any) -> Array:
    """Every parameter of `model`, flattened into one float64 vector."""
    return np.concatenate([p.detach().double().numpy().ravel() for p in model.parameters()])


@check("train_lstm follows its Config: learning rate, epochs, hidden size, eval mode",
       hint="lstm")  # fmt: skip
def train_lstm_follows_config(ctx: Context) -> None:
    module = _module(ctx, "train_lstm", "Config", "LSTMForecaster")
    torch = _torch()
    generator = torch.Generator().manual_seed(20)
    x = torch.randn(40, 6, 1, generator=generator)
    y = torch.randn(40, 3, generator=generator)

    def train(**changes: Any) -> Any:
        config = _config(module, **TRAIN_SETTINGS, **changes)
        return module.train_lstm(x.clone(), y.clone(), config)

    still = train(epochs=1, learning_rate=0.0)
    expect(
        isinstance(still, module.LSTMForecaster),
        f"train_lstm returned {type(still).__name__}, expected the LSTMForecaster it trained.",
    )
    expect(
        not still.training,
        "train_lstm returned its network in training mode: return model.eval(), ready to forecast.",
    )
    hidden = TRAIN_SETTINGS["hidden_size"]
    expect_equal(
        still.lstm.hidden_size,
        hidden,
        call=f"train_lstm(x, y, Config(hidden_size={hidden}, ...)).lstm.hidden_size",
    )
    longer = train(epochs=3, learning_rate=0.0)
    expect(
        bool(np.array_equal(_weights(still), _weights(longer))),
        "train_lstm with learning_rate=0.0 gave other weights after 3 epochs than after 1: "
        "at a learning rate of 0 nothing is learnt, so the optimiser must take "
        "config.learning_rate (torch.optim.Adam(model.parameters(), lr=config.learning_rate)).",
    )
    moved = train(epochs=1, learning_rate=0.01)
    expect(
        not np.allclose(_weights(still), _weights(moved), rtol=0, atol=0),
        "train_lstm with epochs=1 and learning_rate=0.01 returned the weights it started from: "
        "run config.epochs passes over the batches.",
    )


# --- part 2: the RNN cell ------------------------------------------------------------------


def _pair(
    module: ModuleType, input_size: int, hidden_size: int, bias: bool, seed: int
) -> tuple[Any, Any]:
    """(the learner's cell, torch.nn.RNNCell), float64, holding the same random weights."""
    torch = _torch()
    torch.manual_seed(seed)
    reference = torch.nn.RNNCell(input_size, hidden_size, bias=bias, dtype=torch.float64)
    cell = module.RNNCell(input_size, hidden_size, bias=bias).double()
    try:
        cell.load_state_dict(reference.state_dict())
    except (RuntimeError, KeyError) as exc:
        fail(
            f"RNNCell({input_size}, {hidden_size}, bias={bias}) cannot take the weights of "
            f"nn.RNNCell ({' '.join(str(exc).split())[:160]}): make the layout check pass first."
        )
    return cell, reference


@check("RNNCell has nn.RNNCell's parameters: names, shapes, initial range", hint="rnn")
def rnn_layout(ctx: Context) -> None:
    module = _module(ctx, "RNNCell")
    torch = _torch()
    for input_size, hidden_size, bias in ((3, 5, True), (4, 2, False)):
        call = f"RNNCell({input_size}, {hidden_size}, bias={bias})"
        cell = module.RNNCell(input_size, hidden_size, bias=bias)
        expect(isinstance(cell, torch.nn.Module), f"{call} is not an nn.Module.")
        reference = torch.nn.RNNCell(input_size, hidden_size, bias=bias)
        shapes = {name: tuple(p.shape) for name, p in cell.named_parameters()}
        expected = {name: tuple(p.shape) for name, p in reference.named_parameters()}
        expect_equal(
            shapes,
            expected,
            call=f"{{name: shape}} of {call}.named_parameters()",
            note="The layout of nn.RNNCell: weight_ih (hidden, input), weight_hh (hidden, "
            "hidden), bias_ih and bias_hh (hidden,) as nn.Parameter; no biases when "
            "bias=False (register_parameter('bias_ih', None)).",
        )
    default = {name: tuple(p.shape) for name, p in module.RNNCell(3, 5).named_parameters()}
    expect_equal(
        default,
        {name: tuple(p.shape) for name, p in torch.nn.RNNCell(3, 5).named_parameters()},
        call="{name: shape} of RNNCell(3, 5).named_parameters()",
        note="bias=True is the default, as in nn.RNNCell.",
    )
    torch.manual_seed(17)
    cell = module.RNNCell(3, INIT_HIDDEN)
    bound = 1.0 / np.sqrt(INIT_HIDDEN)
    for name, parameter in cell.named_parameters():
        values = parameter.detach().double().numpy()
        low, high = float(values.min()), float(values.max())
        expect(
            -bound - 1e-7 <= low <= -INIT_REACH * bound
            and INIT_REACH * bound <= high <= bound + 1e-7,
            f"RNNCell(3, {INIT_HIDDEN}).{name} holds values from {low:.3g} to {high:.3g}; "
            "nn.RNNCell draws them uniformly in [-1/sqrt(hidden_size), 1/sqrt(hidden_size)] = "
            f"+-{bound:.3g}, so they reach close to both ends.",
        )


@check("RNNCell's forward pass equals nn.RNNCell's, batched or not, with or without bias",
       hint="rnn")  # fmt: skip
def rnn_cell_matches(ctx: Context) -> None:
    module = _module(ctx, "RNNCell")
    torch = _torch()
    cases = (
        (3, 5, (4,), True),
        (1, 8, (7,), True),
        (6, 3, (2,), False),
        (4, 4, (1,), True),
        (3, 5, (), True),
        (2, 6, (), False),
    )
    for seed, (input_size, hidden_size, batch, bias) in enumerate(cases):
        cell, reference = _pair(module, input_size, hidden_size, bias, seed)
        x = torch.randn(*batch, input_size, dtype=torch.float64)
        h = torch.randn(*batch, hidden_size, dtype=torch.float64)
        shape = f"x {tuple(x.shape)}, bias={bias}"
        with torch.no_grad():
            for given, label in ((h, "h given"), (None, "h=None")):
                out = cell(x, given)
                expect_close(
                    out.numpy(),
                    reference(x, given).numpy(),
                    what=f"RNNCell({input_size}, {hidden_size}) on {shape}, {label}",
                    rtol=1e-10,
                    atol=1e-12,
                    note="h' = tanh(x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh); "
                    "h=None means zeros of shape (*x.shape[:-1], hidden_size).",
                )


@check("RNNCell rejects an input or a hidden state of the wrong size with ValueError",
       hint="rnn")  # fmt: skip
def rnn_cell_rejects_bad_input(ctx: Context) -> None:
    module = _module(ctx, "RNNCell")
    torch = _torch()
    cell = module.RNNCell(3, 5)
    for shape in ((4, 2), (2,), (2, 4, 3)):
        expect_raises(
            ValueError,
            cell,
            torch.randn(*shape),
            call=f"RNNCell(3, 5) on x of shape {shape}",
            mentions_any=("input", "shape"),
            problem="the input's size",
        )
    expect_raises(
        ValueError,
        cell,
        torch.randn(4, 3),
        torch.randn(4, 6),
        call="RNNCell(3, 5) on x (4, 3) with h (4, 6)",
        mentions_any=("h", "hidden"),
        problem="the hidden state's size",
    )


@check("run_rnn unrolls the cell over time like nn.RNN", hint="rnn")
def run_rnn_matches(ctx: Context) -> None:
    module = _module(ctx, "RNNCell", "run_rnn")
    torch = _torch()
    cases = (
        (6, (3,), 4, 5, True, True),
        (1, (2,), 3, 2, False, False),
        (5, (), 3, 4, True, True),
        (7, (1,), 1, 8, True, False),
        (4, (), 2, 3, False, False),
    )
    for seed, (steps, batch, input_size, hidden_size, bias, with_h0) in enumerate(cases):
        cell, reference = _pair(module, input_size, hidden_size, bias, 100 + seed)
        rnn = torch.nn.RNN(input_size, hidden_size, bias=bias, dtype=torch.float64)
        with torch.no_grad():
            rnn.weight_ih_l0.copy_(reference.weight_ih)
            rnn.weight_hh_l0.copy_(reference.weight_hh)
            if bias:
                rnn.bias_ih_l0.copy_(reference.bias_ih)
                rnn.bias_hh_l0.copy_(reference.bias_hh)
            xs = torch.randn(steps, *batch, input_size, dtype=torch.float64)
            h0 = torch.randn(*batch, hidden_size, dtype=torch.float64) if with_h0 else None
            expected, h_n = rnn(xs, None if h0 is None else h0.unsqueeze(0))
            result = module.run_rnn(cell, xs, h0)
        what = (
            f"run_rnn on inputs {tuple(xs.shape)}, bias={bias}, h0 {'given' if with_h0 else 'None'}"
        )
        expect(
            isinstance(result, tuple) and len(result) == 2,
            f"{what} returned {type(result).__name__}, expected (outputs, last hidden state).",
        )
        outputs, last = result
        expect_close(
            outputs.numpy(),
            expected.numpy(),
            what=f"{what}: the outputs",
            rtol=1e-10,
            atol=1e-12,
            note="outputs[t] is the hidden state after step t, shape (steps, *batch, hidden): "
            "h_t = cell(inputs[t], h_(t-1)), starting from h0 (zeros when None).",
        )
        expect_close(
            last.numpy(),
            h_n[0].numpy(),
            what=f"{what}: the last hidden state",
            rtol=1e-10,
            atol=1e-12,
            note="The second value is the hidden state after the last step.",
        )


@contextmanager
def _recorded() -> Iterator[list[str]]:
    """The names of the torch functions called inside the block."""
    from torch.overrides import TorchFunctionMode

    seen: list[str] = []

    class Recorder(TorchFunctionMode):
        def __torch_function__(
            self, func: Any, types: Any, args: Any = (), kwargs: Any = None
        ) -> Any:
            seen.append(str(getattr(func, "__name__", func)))
            return func(*args, **(kwargs or {}))

    with Recorder():
        yield seen


@check("RNNCell computes with matrix products and tanh, not torch's recurrent kernels",
       hint="rnn")  # fmt: skip
def rnn_from_scratch(ctx: Context) -> None:
    module = _module(ctx, "RNNCell", "run_rnn")
    torch = _torch()
    torch.manual_seed(18)
    cell = module.RNNCell(3, 4)
    inner = [
        type(m).__name__
        for m in cell.modules()
        if isinstance(m, torch.nn.RNNBase | torch.nn.RNNCellBase)
    ]
    expect(
        not inner,
        f"RNNCell holds an nn.{inner[0] if inner else ''}: write the forward pass yourself, "
        "with its own weights.",
    )
    with torch.no_grad(), _recorded() as seen:
        cell(torch.randn(2, 3), torch.randn(2, 4))
        module.run_rnn(cell, torch.randn(5, 2, 3))
    used = sorted(RECURRENT_KERNELS.intersection(seen))
    expect(
        not used,
        f"RNNCell or run_rnn called torch.{used[0] if used else ''}, torch's own recurrent "
        "kernel: write h' = tanh(x @ weight_ih.T + bias_ih + h @ weight_hh.T + bias_hh) with "
        "@ and torch.tanh.",
    )


# --- walk forward: the split, the leak test, the seed, the bar ----------------------------


def _config(module: ModuleType, **changes: Any) -> Any:
    """The learner's Config with the protocol's horizon and split, and `changes`."""
    config_class: Any = getattr(module, "Config", None)
    if not (isinstance(config_class, type) and dataclasses.is_dataclass(config_class)):
        fail(f"{MODULE}.py defines no dataclass Config: keep the starter's.")
    protocol = {
        "horizon": HORIZON,
        "validation_months": VALIDATION_MONTHS,
        "test_months": TEST_MONTHS,
    }
    try:
        return dataclasses.replace(config_class(), **protocol, **changes)
    except TypeError as exc:
        fail(f"Config() does not take the starter's fields ({exc}): keep them.")


def _call_walk_forward(
    module: ModuleType, series: Array, config: Any
) -> tuple[dict[str, Any], list[Any]]:
    """walk_forward's forecasts, and every Scaler it fitted (through the module's fit_scaler)."""
    fit = getattr(module, "fit_scaler", None)
    if not callable(fit):
        fail(f"{MODULE}.py defines no function fit_scaler(): keep the starter's names.")
    fitted: list[Any] = []

    def spy(values: Any) -> Any:
        scaler = fit(values)
        fitted.append(scaler)
        return scaler

    setattr(module, "fit_scaler", spy)  # noqa: B010 (a module's attribute, replaced)
    try:
        result = module.walk_forward(series.copy(), config)
    finally:
        setattr(module, "fit_scaler", fit)  # noqa: B010
    if not isinstance(result, dict) or set(result) != {"validation", "test"}:
        keys = sorted(result) if isinstance(result, dict) else type(result).__name__
        fail(f"walk_forward returned {keys}, expected a dict with 'validation' and 'test'.")
    for part, forecasts in result.items():
        for field in ("origins", "actual", "seasonal_naive", "autoregression", "lstm"):
            if not hasattr(forecasts, field):
                fail(f"walk_forward(...)['{part}'] has no {field}: return Forecasts objects.")
    return result, fitted


def _perturbed(series: Array, start: int, seed: int) -> Array:
    """`series` with months start.. shuffled and shifted by SHIFT_PPM."""
    changed = series.copy()
    changed[start:] = np.random.default_rng(seed).permutation(series[start:]) + SHIFT_PPM
    return changed


def _quick_run(ctx: Context, key: str = "real") -> tuple[dict[str, Any], list[Any]]:
    """walk_forward with the quick training: on the real series ("real"), on copies with the
    validation or the test months from LEAK_STARTS on changed, or again ("again", after other
    draws of torch's global generator) and with seed 1 ("seed 1")."""
    module = _module(ctx, "walk_forward", "Config")
    series = _series()
    train_end, validation_end = _splits(len(series))

    def compute() -> tuple[dict[str, Any], list[Any]]:
        if key == "real":
            return _call_walk_forward(module, series, _config(module, **QUICK))
        if key == "again":
            _torch().rand(17)  # a learner who never seeds gets other weights
            return _call_walk_forward(module, series, _config(module, **QUICK))
        if key == "seed 1":
            return _call_walk_forward(module, series, _config(module, **QUICK, seed=1))
        start = {"validation": train_end, "test": validation_end}[key] + LEAK_STARTS[key]
        return _call_walk_forward(module, _perturbed(series, start, 19), _config(module, **QUICK))

    return once(ctx, f"walk_forward {key}", compute)


@check("walk_forward forecasts validation and test from the right origins, baselines right",
       hint="walk_forward")  # fmt: skip
def walk_forward_parts(ctx: Context) -> None:
    module = _module(ctx, "walk_forward", "Config")
    forecasts, _ = _quick_run(ctx)
    series = _series()
    train_end, validation_end = _splits(len(series))
    window = int(_config(module).window)
    _, train_inputs, train_targets = _reference_windows(series, window, HORIZON, 0, train_end)
    parts = {"validation": (train_end, validation_end), "test": (validation_end, len(series))}
    for part, (start, stop) in parts.items():
        got = forecasts[part]
        origins, inputs, targets = _reference_windows(series, window, HORIZON, start, stop)
        where = f"walk_forward(...)['{part}']"
        found = np.asarray(got.origins).tolist()
        shown = f"{found[0]} to {found[-1]}" if found else "nothing"
        expect(
            found == origins.tolist(),
            f"{where}.origins run from {shown} ({len(found)} origins), expected every origin t "
            f"from {origins[0]} to {origins[-1]} ({len(origins)}): those whose targets t + 1 .. "
            f"t + {HORIZON} lie in months [{start}, {stop}) (split_points with "
            f"{VALIDATION_MONTHS} validation and {TEST_MONTHS} test months).",
        )
        expect_close(got.actual, targets, what=f"{where}.actual", rtol=0, atol=1e-9)
        expect_close(
            got.seasonal_naive,
            _reference_naive(series, origins, HORIZON, SEASON),
            what=f"{where}.seasonal_naive",
            rtol=0,
            atol=1e-9,
            note="The seasonal naive forecast of the origins' months, season 12.",
        )
        expect_close(
            got.autoregression,
            _reference_ar(train_inputs, train_targets, inputs),
            what=f"{where}.autoregression",
            rtol=0,
            atol=AR_ATOL,
            note=f"The autoregression fitted on the training windows only (targets before "
            f"month {train_end}), window {window}.",
        )
        lstm = np.asarray(got.lstm, dtype=float)
        expect(
            lstm.shape == targets.shape and bool(np.all(np.isfinite(lstm))),
            f"{where}.lstm has shape {lstm.shape}, expected {targets.shape} of finite numbers.",
        )


@check("the scaler is fitted on the training months only", hint="walk_forward")
def scaler_fitted_on_training(ctx: Context) -> None:
    _module(ctx, "walk_forward", "Config")
    series = _series()
    train_end, _ = _splits(len(series))
    changes = np.diff(series[:train_end])
    everything = np.diff(series)
    _, fitted = _quick_run(ctx)
    expect(
        bool(fitted),
        "walk_forward never called fit_scaler: scale the network's changes with "
        "fit_scaler(np.diff(series[:train_end])).",
    )
    for scaler in fitted:
        mean, std = float(scaler.mean), float(scaler.std)
        if np.isclose(mean, everything.mean()) and np.isclose(std, everything.std()):
            fail(
                f"walk_forward fitted its scaler on every month's changes (mean {mean:.4g}, std "
                f"{std:.4g}), the test months included: fit it on the training months only, "
                "fit_scaler(np.diff(series[:train_end])).",
            )
        expect(
            np.isclose(mean, changes.mean(), rtol=1e-9)
            and np.isclose(std, changes.std(), rtol=1e-9),
            f"walk_forward fitted a scaler with mean {mean:.4g} and std {std:.4g}; the training "
            f"months' changes have mean {changes.mean():.4g} and std {changes.std():.4g}: fit "
            "it with fit_scaler(np.diff(series[:train_end])).",
        )
    for key in ("test", "validation"):
        _, moved = _quick_run(ctx, key)
        expect(
            [(s.mean, s.std) for s in moved] == [(s.mean, s.std) for s in fitted],
            f"walk_forward's scaler changed when only {key} months changed: fit it on the "
            "training months only.",
        )


@check("a forecast made at month t does not change when later months change (no look-ahead)",
       hint="look_ahead")  # fmt: skip
def no_look_ahead(ctx: Context) -> None:
    _module(ctx, "walk_forward", "Config")
    series = _series()
    train_end, validation_end = _splits(len(series))
    real, _ = _quick_run(ctx)
    for key, part_start in (("validation", train_end), ("test", validation_end)):
        start = part_start + LEAK_STARTS[key]
        changed, _ = _quick_run(ctx, key)
        for part in ("validation", "test"):
            origins = np.asarray(real[part].origins)
            before = origins < start
            for method in ("seasonal_naive", "autoregression", "lstm"):
                a = np.asarray(getattr(real[part], method), dtype=float)[before]
                b = np.asarray(getattr(changed[part], method), dtype=float)[before]
                moved = np.flatnonzero(np.abs(a - b).max(axis=1, initial=0.0) > SAME_ATOL)
                if moved.size:
                    t = int(origins[before][moved[0]])
                    fail(
                        f"walk_forward's {method} forecast made at month {t} ({part} part) "
                        f"changed when only months {start} onwards were changed (shuffled and "
                        f"shifted by {SHIFT_PPM:g} ppm): it looked ahead. A forecast made at "
                        "month t may use months up to t only, and the models may learn from "
                        "the training months only: look for windows, a scaler or training "
                        "windows that reach past them.",
                    )


@check("walk_forward is seeded: two runs give the same LSTM forecasts", hint="lstm")
def seeded(ctx: Context) -> None:
    _module(ctx, "walk_forward", "Config")
    first, _ = _quick_run(ctx)
    again, _ = _quick_run(ctx, "again")
    other, _ = _quick_run(ctx, "seed 1")
    for part in ("validation", "test"):
        a = np.asarray(first[part].lstm, dtype=float)
        b = np.asarray(again[part].lstm, dtype=float)
        expect(
            a.shape == b.shape and bool(np.array_equal(a, b)),
            f"Two runs of walk_forward with the same Config gave different LSTM forecasts "
            f"({part} part, largest difference {float(np.abs(a - b).max()):.3g} ppm): seed "
            "the weights (torch.manual_seed(config.seed)) and the batch order (a "
            "torch.Generator seeded with config.seed).",
        )
    a, c = np.asarray(first["test"].lstm, dtype=float), np.asarray(other["test"].lstm, dtype=float)
    expect(
        not np.allclose(a, c, rtol=0, atol=SAME_ATOL),
        "walk_forward gave the same LSTM forecasts with seed 0 and seed 1: take the seed from "
        "config.seed.",
    )


def _mae(forecast: Any, actual: Array) -> float:
    return float(np.mean(np.abs(np.asarray(forecast, dtype=float) - actual)))


@check("the LSTM's test error is at most the bar's share of the seasonal naive's",
       hint="lstm")  # fmt: skip
def lstm_beats_naive(ctx: Context) -> None:
    module = _module(ctx, "walk_forward", "Config")
    series = _series()
    _, validation_end = _splits(len(series))
    config = _config(module)
    forecasts, _ = _call_walk_forward(module, series, config)
    test = forecasts["test"]
    origins, _, targets = _reference_windows(
        series, int(config.window), HORIZON, validation_end, len(series)
    )
    expect(
        np.asarray(test.origins).tolist() == origins.tolist(),
        "walk_forward's test origins are not the protocol's: make walk_forward_parts pass first.",
    )
    lstm = np.asarray(test.lstm, dtype=float)
    expect(
        lstm.shape == targets.shape and bool(np.all(np.isfinite(lstm))),
        f"walk_forward's test LSTM forecasts have shape {lstm.shape}, expected {targets.shape} "
        "of finite numbers.",
    )
    naive = ctx.record(
        "mae_seasonal_naive", _mae(_reference_naive(series, origins, HORIZON, SEASON), targets)
    )
    ctx.record("mae_autoregression", _mae(test.autoregression, targets))
    error = ctx.record("mae_lstm", _mae(lstm, targets))
    expect_bar(ctx, "lstm_mae_vs_naive", error / naive)
