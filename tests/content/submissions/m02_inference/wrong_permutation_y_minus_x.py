"""Wrong: the permutation statistic is mean(y) - mean(x).

Fails: permutation_matches_exact
Says: mean(x) - mean(y)
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    observed = a.mean() - b.mean()",
            "    observed = b.mean() - a.mean()",
        ),
        (
            "    diffs = shuffled[:, : len(a)].mean(axis=1) - shuffled[:, len(a) :].mean(axis=1)",
            "    diffs = shuffled[:, len(a) :].mean(axis=1) - shuffled[:, : len(a)].mean(axis=1)",
        ),
    ],
)
