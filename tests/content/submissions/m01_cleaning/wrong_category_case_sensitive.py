"""Wrong: normalize_category matches with case.

Fails: categories
Says: ' Male' (position 0) became missing, expected 'male'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "    key = normalize_text(series).str.lower()",
            "    key = normalize_text(series)",
        ),
    ],
)
