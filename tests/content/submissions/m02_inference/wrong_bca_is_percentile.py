"""Wrong: method='bca' returns the percentile interval.

Fails: bca_ci_matches_scipy
Says: method='bca'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            '    if method == "bca":\n        quantiles',
            '    if method == "none":\n        quantiles',
        ),
    ],
)
