"""Wrong: sample_size returns the formula's n as a float.

Fails: sample_size_is_smallest
Says: whole number
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    return low\n",
            "    return float(low)\n",
        ),
    ],
)
