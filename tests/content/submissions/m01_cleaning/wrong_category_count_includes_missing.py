"""Wrong: the report counts cells that became missing as category changes.

Fails: clean_report
Says: cells['category'] counts {'kind': 6}, not counting those that became missing
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "_count(new.notna() & (new.astype(object) != text))",
            "_count(new.astype(object) != text)",
        ),
    ],
)
