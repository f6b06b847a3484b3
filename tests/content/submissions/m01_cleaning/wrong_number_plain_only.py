"""Wrong: parse_number reads plain numbers only.

Fails: numbers
Says: '£7.25' (position 2) became missing, expected 7.25
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "    if rest.any():  # the others",
            "    if False:  # the others",
        ),
    ],
)
