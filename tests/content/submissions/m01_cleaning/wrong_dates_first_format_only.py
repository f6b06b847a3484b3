"""Wrong: parse_dates tries the first format only.

Fails: dates
Says: '10/04/1912' (position 1) became missing
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "    for fmt in formats[1:]:",
            "    for fmt in formats[1:1]:",
        ),
    ],
)
