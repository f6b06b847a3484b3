"""Wrong: integer columns are left as floats.

Fails: clean_small_frame
Says: dtype float64, expected Int64
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            'new.where(new % 1 == 0).astype("Int64")',
            "new.where(new % 1 == 0)",
        ),
    ],
)
