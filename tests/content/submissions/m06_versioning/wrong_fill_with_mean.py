"""Wrong: prepare fills a missing age or fare with the mean of the training rows.

Fails: stages_follow_the_brief
Says: age column, is not the median of the training rows' known values
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[("np.nanmedian(kept, axis=0)", "np.nanmean(kept, axis=0)")],
)
