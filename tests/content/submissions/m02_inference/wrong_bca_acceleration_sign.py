"""Wrong: the jackknife deviations have the wrong sign: the acceleration is negated.

Fails: bca_ci_matches_scipy
Says: scipy.stats.bootstrap gives
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    deviations = jackknife.mean() - jackknife",
            "    deviations = jackknife - jackknife.mean()",
        ),
    ],
)
