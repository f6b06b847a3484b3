"""Wrong: prepare holds out the test rows but keeps only the first half of the others.

Fails: stages_follow_the_brief
Says: training, test rows, none dropped
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[("rows[order[n_test:]]", "rows[order[n_test : n_test + (len(rows) - n_test) // 2]]")],
)
