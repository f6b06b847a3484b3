"""Wrong: per-class accuracy divides the diagonal by the column sums (the predictions of each
class): that is precision.

Fails: per_class
Says: row sums
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("totals = matrix.sum(axis=1)", "totals = matrix.sum(axis=0)"),
    ],
)
