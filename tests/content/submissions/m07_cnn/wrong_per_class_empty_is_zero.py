"""Wrong: a class with no images gets accuracy 0 instead of NaN.

Fails: per_class
Says: NaN
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("np.diag(matrix) / totals, np.nan)", "np.diag(matrix) / totals, 0.0)"),
    ],
)
