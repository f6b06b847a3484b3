"""Wrong: the two-sided permutation p-value counts one tail only.

Fails: permutation_matches_exact
Says: |statistic| >= |observed|
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "        extreme = np.abs(diffs) >= abs(observed) - tolerance",
            "        extreme = diffs >= observed - tolerance",
        ),
    ],
)
