"""Wrong: confusion_matrix does not check the labels: one beyond num_classes crashes the reshape
with a message that does not say what is wrong.

Fails: confusion
Says: outside
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "        if values.size and (values.min() < 0 or values.max() >= num_classes):",
            "        if False:",
        ),
    ],
)
