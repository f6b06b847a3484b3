"""Wrong: each resample has half as many values as the sample: too wide.

Fails: intervals_cover_the_truth
Says: Too wide
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m02-inference",
    globals(),
    replace=[
        (
            "    resamples = x[rng.integers(0, len(x), size=(n_resamples, len(x)))]",
            "    resamples = x[rng.integers(0, len(x), size=(n_resamples, len(x) // 2))]",
        ),
    ],
)
