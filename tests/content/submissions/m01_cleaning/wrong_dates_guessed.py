"""Wrong: parse_dates lets pandas guess the format.

Fails: dates
Says: '10/04/1912' (position 1) became 1912-10-04
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            '    dates = pd.to_datetime(text, format=formats[0], errors="coerce")',
            '    dates = pd.to_datetime(text, format="mixed", errors="coerce")',
        ),
    ],
)
