"""Wrong: drop_duplicates keeps the old index.

Fails: duplicates
Says: fresh index
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            'df.drop_duplicates(keep="first", ignore_index=True)',
            'df.drop_duplicates(keep="first")',
        ),
    ],
)
