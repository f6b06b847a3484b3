"""Wrong: the LSTM is fed the scaled levels of CO2 and predicts levels; the test years lie
above every training month, and it cannot answer with values it never saw.

Fails: lstm_beats_naive
Says: lstm_mae_vs_naive, is above the bar 0.5
"""

from __future__ import annotations

import torch
from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "scaler = fit_scaler(np.diff(values[:train_end]))",
            "scaler = fit_scaler(values[:train_end])",
        )
    ],
)


def network_inputs(inputs, scaler):
    return torch.from_numpy(scaler.transform(inputs)).to(torch.float32).unsqueeze(-1)


def network_targets(inputs, targets, scaler):
    return torch.from_numpy(scaler.transform(targets)).to(torch.float32)


def forecast_levels(inputs, outputs, scaler):
    return scaler.inverse(outputs.detach().to(torch.float64).numpy())
