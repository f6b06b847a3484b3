"""Wrong: evaluate predicts survival below the threshold instead of at or above it.

Fails: accuracy
Says: accuracy=, below the bar
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[('>= params["threshold"]', '< params["threshold"]')],
)
