"""Wrong: Holm's adjusted p-values are not made non-decreasing.

Fails: adjusted_p_values_match_statsmodels
Says: running maximum
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "        adjusted = np.maximum.accumulate(ranked * (m - rank + 1))",
            "        adjusted = ranked * (m - rank + 1)",
        ),
    ],
)
