"""Wrong: the model has no dropout.

Fails: model
Says: nn.Dropout
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "nn.ReLU(), nn.Dropout(dropout)]",
            "nn.ReLU(), nn.Identity()]",
        ),
    ],
)
