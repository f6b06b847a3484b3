"""Wrong: the interval reads the (1 - level) and level quantiles: a 90% interval for level=0.95.

Fails: intervals_cover_the_truth
Says: Too narrow
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    tail = (1.0 - level) / 2.0",
            "    tail = 1.0 - level",
        ),
    ],
)
