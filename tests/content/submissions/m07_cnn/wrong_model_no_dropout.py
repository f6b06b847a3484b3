"""Wrong: the model has no dropout layer.

Fails: model_layers
Says: no dropout
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("        nn.Dropout(0.2),\n", ""),
    ],
)
