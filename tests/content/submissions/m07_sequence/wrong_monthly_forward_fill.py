"""Wrong: an empty month repeats the month before it (ffill), not the line between its
neighbours.

Fails: monthly_means
Says: the empty month 1958-06, straight line
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[(".interpolate()", ".ffill()")],
)
