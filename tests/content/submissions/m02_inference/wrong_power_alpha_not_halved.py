"""Wrong: the two-sided test's critical value is inv_cdf(1 - alpha), not inv_cdf(1 - alpha / 2).

Fails: power_matches_statsmodels
Says: ab_power(0.12, 0.1, 1500
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "        z = _NORMAL.inv_cdf(1.0 - alpha / 2.0)",
            "        z = _NORMAL.inv_cdf(1.0 - alpha)",
        ),
    ],
)
