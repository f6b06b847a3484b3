"""Wrong: clean skips the text rule.

Fails: clean_small_frame
Says: returned 8 rows, expected 7, duplicates once normalised
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "            new = normalize_text(text)\n",
            "            new = text\n",
        ),
    ],
)
