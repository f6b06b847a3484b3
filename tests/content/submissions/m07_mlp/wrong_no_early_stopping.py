"""Wrong: no early stopping: every run takes config.epochs epochs (the best weights are kept).

Fails: early_stopping
Says: ran 8 epochs, expected 4
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "            if waited >= config.patience:\n                break\n",
            "",
        ),
    ],
)
