"""Wrong: clean skips the min/max rule.

Fails: clean_small_frame
Says: got -2, expected missing, below min 0
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            '        if kind in ("integer", "float") and ("min" in column or "max" in column):',
            "        if False:",
        ),
    ],
)
