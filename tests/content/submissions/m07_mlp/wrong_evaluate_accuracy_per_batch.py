"""Wrong: the accuracy divides the right answers by the number of batches, not of images.

Fails: evaluate
Says: the accuracy
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "return total_loss / count, correct / count",
            "return total_loss / count, correct / len(loader)",
        ),
    ],
)
