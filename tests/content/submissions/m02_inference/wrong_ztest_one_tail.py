"""Wrong: the two-sided p-value of the z-test counts one tail only.

Fails: ztest_matches_statsmodels
Says: tail of the standard normal
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    return 2.0 * _NORMAL.cdf(-abs(z))",
            "    return _NORMAL.cdf(-abs(z))",
        ),
    ],
)
