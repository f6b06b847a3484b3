"""Wrong: the epoch's accuracy is the mean of its batch accuracies: the last, smaller batch weighs
as much as a full one.

Fails: train_reports
Says: accuracy
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "correct += int((logits.argmax(1) == y).sum())",
            "correct += (logits.argmax(1) == y).float().mean().item()"
            " * len(images) / steps_per_epoch",
        ),
    ],
)
