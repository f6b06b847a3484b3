"""Wrong: prepare sets female = 1.0 for the men.

Fails: stages_follow_the_brief
Says: are not the passengers of data/titanic.csv, female = 1.0 where sex is 'female'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[('1.0 if r["sex"] == "female" else 0.0', '1.0 if r["sex"] == "male" else 0.0')],
)
