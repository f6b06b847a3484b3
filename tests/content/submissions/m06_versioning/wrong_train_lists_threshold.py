"""Wrong: the train stage lists evaluate.threshold among its params: a new threshold re-trains.

Fails: param_reruns_downstream
Says: changing evaluate.threshold, ran train, evaluate; expected evaluate
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m06_versioning._project import edit_project

edit_project(
    globals(),
    "dvc.yaml",
    [("      - train.l2\n", "      - train.l2\n      - evaluate.threshold\n")],
)
run_solution("m06-versioning", globals())
