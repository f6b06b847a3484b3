"""Wrong: prepare shuffles with an unseeded generator: every run is a new version.

Fails: stages_are_deterministic
Says: wrote different data/train.csv, unseeded
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[('np.random.default_rng(params["seed"])', "np.random.default_rng()")],
)
