"""Wrong (a look-ahead): the LSTM's window is read from the month after the origin, so each
forecast sees the first month it predicts.

Fails: no_look_ahead
Says: lstm forecast, looked ahead
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "outputs = model(network_inputs(inputs, scaler))",
            "next_month = origins[:, None] + np.arange(-config.window + 2, 2)\n"
            "            outputs = model(network_inputs(values[next_month], scaler))",
        )
    ],
)
