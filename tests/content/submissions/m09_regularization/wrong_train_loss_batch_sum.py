"""Wrong: train_loss adds each step's mean loss and divides by the number of images, so the
history's training curve is a hundredth of the real one.

Fails: runs_recomputed
Says: train_loss of epoch
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[("total += loss.item() * len(batch)", "total += loss.item()")],
)
