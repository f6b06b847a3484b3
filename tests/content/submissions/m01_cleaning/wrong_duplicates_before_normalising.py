"""Wrong: clean drops duplicates before normalising the cells.

Fails: clean_small_frame
Says: duplicates once normalised, after the columns are cleaned
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "    out = df.copy()\n",
            "    out = drop_duplicates(df.copy())\n",
        ),
        (
            '    if spec.get("drop_duplicates", True):',
            "    if False:",
        ),
    ],
)
