"""Wrong: the bootstrap interval is always a 95% interval.

Fails: percentile_ci_matches_scipy
Says: level=0.5
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    tail = (1.0 - level) / 2.0",
            "    tail = 0.025",
        ),
    ],
)
