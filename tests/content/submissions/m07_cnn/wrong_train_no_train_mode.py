"""Wrong: train never switches the model to training mode.

Fails: train_batches
Says: model.train()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("    model.train()\n", ""),
    ],
)
