"""Wrong: dropout 0.9 (and weight decay 1.0): the gap shrinks because the network underfits,
and the validation accuracy falls with it.

Fails: validation_kept
Says: val_accuracy_drop
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        ("DROPOUT = 0.5 ", "DROPOUT = 0.9 "),
        ("WEIGHT_DECAY = 0.1 ", "WEIGHT_DECAY = 1.0 "),
    ],
)
