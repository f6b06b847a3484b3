"""Wrong: the autoregression has no intercept (no column of ones).

Fails: autoregression
Says: fit_autoregression, has shape
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "design = np.column_stack([np.ones(len(inputs)), inputs])",
            "design = np.asarray(inputs, dtype=np.float64)",
        )
    ],
)
