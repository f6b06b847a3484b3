"""Wrong: the permutation p-value is extreme / n_resamples: 0 when no resample is as extreme.

Fails: permutation_matches_exact
Says: never 0
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    return float((1 + np.count_nonzero(extreme)) / (1 + n_resamples))",
            "    return float(np.count_nonzero(extreme) / n_resamples)",
        ),
    ],
)
