"""Wrong: the statistic's mean is h * sqrt(n), as if one group held all n people.

Fails: power_matches_statsmodels
Says: h * sqrt(n / 2)
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    shift = _effect(p_a, p_b) * np.sqrt(n_per_group / 2.0)",
            "    shift = _effect(p_a, p_b) * np.sqrt(n_per_group)",
        ),
    ],
)
