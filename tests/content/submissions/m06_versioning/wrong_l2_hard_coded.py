"""Wrong: train uses an l2 typed in the code, not the one params.yaml gives it.

Fails: param_reruns_downstream
Says: changing train.l2, wrote the same model/model.json, read l2 from its params
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m06-versioning",
    globals(),
    replace=[('params["l2"] * weights', "0.001 * weights")],
)
