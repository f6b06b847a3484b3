"""Wrong: prepare fills the test table's gaps with the test rows' own medians.

Fails: stages_follow_the_brief
Says: the same in the training and the test table
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[
        (
            "np.where(np.isnan(held_out), medians, held_out)",
            "np.where(np.isnan(held_out), np.nanmedian(held_out, axis=0), held_out)",
        )
    ],
)
