"""Wrong: the confusion matrix has the predicted classes as rows.

Fails: confusion
Says: transpose
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("counts.reshape(num_classes, num_classes)", "counts.reshape(num_classes, num_classes).T"),
    ],
)
