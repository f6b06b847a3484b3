"""Wrong: the permutation test ignores its seed.

Fails: permutation_matches_exact
Says: same seed
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    rng = np.random.default_rng(seed)\n    shuffled",
            "    rng = np.random.default_rng()\n    shuffled",
        ),
    ],
)
