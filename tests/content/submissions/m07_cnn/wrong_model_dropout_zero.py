"""Wrong: the dropout layer drops nothing (p = 0): training mode is deterministic.

Fails: model_layers
Says: dropout
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("nn.Dropout(0.2)", "nn.Dropout(0.0)"),
    ],
)
