"""Wrong: missing markers are matched with their case.

Fails: missing_markers
Says: ' NA ' (position 2) became ' NA ', expected missing
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m01-cleaning",
    globals(),
    replace=[
        (
            "    key = series.str.strip().str.lower()\n",
            "    key = series.str.strip()\n",
        ),
    ],
)
