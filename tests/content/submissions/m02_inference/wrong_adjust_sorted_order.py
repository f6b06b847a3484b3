"""Wrong: the adjusted p-values come back sorted, not in the input's order.

Fails: adjusted_p_values_match_statsmodels
Says: INPUT's order
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    result[order] = np.minimum(adjusted, 1.0)",
            "    result[:] = np.minimum(adjusted, 1.0)",
        ),
    ],
)
