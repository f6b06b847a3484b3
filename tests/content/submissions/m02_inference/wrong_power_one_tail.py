"""Wrong: the power of a two-sided test counts only the tail in the direction of the difference.

Fails: power_matches_statsmodels
Says: BOTH tails
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "        return _NORMAL.cdf(shift - z) + _NORMAL.cdf(-shift - z)",
            "        return _NORMAL.cdf(abs(shift) - z)",
        ),
    ],
)
