"""Wrong: train calls make_model(config.seed, config.dropout), so every run is built with
dropout 0 (its seed) and the runs with dropout have none.

Fails: runs_recomputed
Says: has dropout=
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        (
            "model = make_model(config.dropout, config.seed)",
            "model = make_model(config.seed, config.dropout)",
        )
    ],
)
