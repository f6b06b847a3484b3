"""Wrong (a leak): the LSTM also learns from the validation months' windows.

Fails: no_look_ahead
Says: lstm forecast, validation part, looked ahead
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "    model = train_lstm(\n"
            "        network_inputs(train_inputs, scaler),\n"
            "        network_targets(train_inputs, train_targets, scaler),\n",
            "    _, seen_inputs, seen_targets = make_windows(\n"
            "        values, config.window, config.horizon, 0, validation_end\n"
            "    )\n"
            "    model = train_lstm(\n"
            "        network_inputs(seen_inputs, scaler),\n"
            "        network_targets(seen_inputs, seen_targets, scaler),\n",
        )
    ],
)
