"""Wrong: a constant is "standardised" with a std of 0 (divisions by zero later).

Fails: scaler
Says: fit_scaler(np.array([2.0, 2.0, 2.0])), expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("if data.size < 2 or np.ptp(data) == 0:", "if data.size == 0:")],
)
