"""Wrong: make_model((784,)) is accepted and returns a model without a Linear layer.

Fails: parameters
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "if len(layers) < 2:",
            "if False:",
        ),
    ],
)
