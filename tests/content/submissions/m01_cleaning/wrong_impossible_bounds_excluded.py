"""Wrong: mask_impossible treats the bounds themselves as impossible.

Fails: impossible_values
Says: mask_impossible(ages, 0, 120), the cell 0 (position 1) became missing, expected 0
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "(series < low)",
            "(series <= low)",
        ),
        (
            "(series > high)",
            "(series >= high)",
        ),
    ],
)
