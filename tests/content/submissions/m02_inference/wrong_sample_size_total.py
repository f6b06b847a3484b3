"""Wrong: sample_size returns the people of both groups together.

Fails: sample_size_is_smallest
Says: SMALLEST
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    return low\n",
            "    return 2 * low\n",
        ),
    ],
)
