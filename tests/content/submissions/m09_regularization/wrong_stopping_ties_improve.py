"""Wrong: EarlyStopping counts an equal validation loss as an improvement.

Fails: early_stopping
Says: said stop after epoch
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        ("if val_loss < self.best_loss:", "if val_loss <= self.best_loss:"),
    ],
)
