"""Wrong: the reported train_loss is the mean of the batch means.

Fails: train_loop
Says: batch means
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "total += loss.item() * len(y)\n            count += len(y)",
            "total += loss.item()\n            count += 1",
        ),
    ],
)
