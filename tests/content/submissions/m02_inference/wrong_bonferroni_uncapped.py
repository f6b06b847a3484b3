"""Wrong: Bonferroni's adjusted p-values are not capped at 1.

Fails: adjusted_p_values_match_statsmodels
Says: capped at 1
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "        return np.minimum(p * m, 1.0)",
            "        return p * m",
        ),
    ],
)
