"""Wrong: train never updates the bias: the model is not the brief's.

Fails: stages_follow_the_brief
Says: the brief's model, scores
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[('bias -= params["learning_rate"] * float(error.mean())', "pass")],
)
