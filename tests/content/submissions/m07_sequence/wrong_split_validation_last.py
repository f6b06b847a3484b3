"""Wrong: the validation months come after the test months.

Fails: split_points
Says: split_points(526, 48, 72), (406, 454)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "    validation_end = n - test_months\n"
            "    return validation_end - validation_months, validation_end",
            "    train_end = n - validation_months - test_months\n"
            "    return train_end, train_end + test_months",
        )
    ],
)
