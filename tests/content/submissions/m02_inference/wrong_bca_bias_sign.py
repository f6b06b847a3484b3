"""Wrong: the bias correction z0 has the wrong sign (the share of statistics above the estimate).

Fails: bca_ci_matches_scipy
Says: off by
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    below = (np.mean(thetas < theta_hat) + np.mean(thetas <= theta_hat)) / 2.0",
            "    below = (np.mean(thetas > theta_hat) + np.mean(thetas >= theta_hat)) / 2.0",
        ),
    ],
)
