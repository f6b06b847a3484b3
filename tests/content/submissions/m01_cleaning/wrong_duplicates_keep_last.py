"""Wrong: drop_duplicates keeps the last copy.

Fails: duplicates
Says: keep the first
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            'df.drop_duplicates(keep="first", ignore_index=True)',
            'df.drop_duplicates(keep="last", ignore_index=True)',
        ),
    ],
)
