"""Wrong: the optimizer never gets config.weight_decay (AdamW keeps its default for every run).

Fails: weight_decay_shrinks
Says: norm
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        ("lr=config.lr, weight_decay=config.weight_decay", "lr=config.lr"),
    ],
)
