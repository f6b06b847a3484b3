"""Wrong: predict_proba runs the model in training mode: dropout is on, batch norm uses (and
updates) the batch's statistics.

Fails: predict_probabilities
Says: eval
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("    model.to(device).eval()\n", "    model.to(device)\n"),
    ],
)
