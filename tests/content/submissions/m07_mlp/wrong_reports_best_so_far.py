"""Wrong: the history reports the best validation loss so far, not the epoch's own.

Fails: early_stopping
Says: not the best so far
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            '"valid_loss": valid_loss,',
            '"valid_loss": min(valid_loss, best_loss),',
        ),
    ],
)
