"""Wrong: the bootstrap always computes the mean, whatever the statistic.

Fails: percentile_ci_matches_scipy
Says: np.median
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    thetas = np.asarray(statistic(resamples, axis=-1), dtype=float)",
            "    thetas = resamples.mean(axis=-1)",
        ),
    ],
)
