"""Wrong: the run "dropout" also turns on weight decay, so it measures two regularizers at
once.

Fails: runs_table
Says: differs from the run 'none' in more than dropout
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        (
            '"dropout": Config(dropout=DROPOUT)',
            '"dropout": Config(dropout=DROPOUT, weight_decay=WEIGHT_DECAY)',
        ),
    ],
)
