"""Wrong: compare reports each model's accuracy on its training images.

Fails: comparing
Says: recomputed
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            '"accuracy": accuracy(model, test_images, test_labels)',
            '"accuracy": accuracy(model, train_images, train_labels)',
        )
    ],
)
