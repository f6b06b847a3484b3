"""Wrong: training stops only after patience + 1 epochs without improvement.

Fails: early_stopping
Says: ran 5 epochs, expected 4
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "if waited >= config.patience:",
            "if waited > config.patience:",
        ),
    ],
)
