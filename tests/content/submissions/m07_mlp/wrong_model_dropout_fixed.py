"""Wrong: the dropout rate is always DROPOUT, whatever the argument says.

Fails: model
Says: pass the dropout argument
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "nn.ReLU(), nn.Dropout(dropout)]",
            "nn.ReLU(), nn.Dropout(DROPOUT)]",
        ),
    ],
)
