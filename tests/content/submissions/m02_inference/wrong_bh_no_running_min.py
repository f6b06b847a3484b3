"""Wrong: Benjamini-Hochberg's adjusted p-values are not made monotone from the largest down.

Fails: adjusted_p_values_match_statsmodels
Says: running minimum
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "        adjusted = np.minimum.accumulate((ranked * m / rank)[::-1])[::-1]",
            "        adjusted = ranked * m / rank",
        ),
    ],
)
