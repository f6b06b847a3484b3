"""Wrong: the epoch's loss is the mean of its batch means: the last, smaller batch weighs as much
as a full one.

Fails: train_reports
Says: the last batch
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "total_loss += loss.item() * len(y)",
            "total_loss += loss.item() * len(images) / steps_per_epoch",
        ),
    ],
)
