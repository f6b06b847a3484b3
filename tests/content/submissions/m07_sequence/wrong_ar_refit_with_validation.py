"""Wrong: the autoregression is fitted on the training and the validation months.

Fails: walk_forward_parts
Says: autoregression, training windows only
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "    coef = fit_autoregression(train_inputs, train_targets)\n",
            "    _, seen_inputs, seen_targets = make_windows(\n"
            "        values, config.window, config.horizon, 0, validation_end\n"
            "    )\n"
            "    coef = fit_autoregression(seen_inputs, seen_targets)\n",
        )
    ],
)
