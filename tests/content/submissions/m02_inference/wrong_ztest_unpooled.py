"""Wrong: the z-test's standard error uses each group's own rate, not the pooled one.

Fails: ztest_matches_statsmodels
Says: POOLED
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    se = np.sqrt(pooled * (1.0 - pooled) * (1.0 / n_a + 1.0 / n_b))",
            "    rate_a, rate_b = successes_a / n_a, successes_b / n_b\n"
            "    se = np.sqrt(rate_a * (1 - rate_a) / n_a + rate_b * (1 - rate_b) / n_b)",
        ),
    ],
)
