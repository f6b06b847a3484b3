"""Wrong: valid_loss is measured on the training images.

Fails: train_loop
Says: validation images
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "valid_loss, valid_accuracy = evaluate(model, valid_loader)",
            "valid_loss, valid_accuracy = evaluate(model, train_loader)",
        ),
    ],
)
