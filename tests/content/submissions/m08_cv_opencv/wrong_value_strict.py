"""Wrong: colour_mask keeps value > min_value (strictly): a pure colour (value 1)
fails a minimum of 1.

Fails: colour
Says: value >= min_value
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "(value >= min_value)",
            "(value > min_value)",
        ),
    ],
)
