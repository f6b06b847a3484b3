"""Wrong: months without a measurement stay NaN.

Fails: monthly_means
Says: left the month 1958-06 empty
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[(".mean().interpolate()", ".mean()")],
)
