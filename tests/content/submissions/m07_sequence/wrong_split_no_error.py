"""Wrong: no ValueError when the validation and test months leave no training month.

Fails: split_points
Says: split_points(100, 50, 50), expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "if validation_months < 1 or test_months < 1 or validation_months + test_months >= n:",
            "if False:",
        )
    ],
)
