"""Wrong: train lists only its code as a dep, not data/train.csv: a new split does not re-train.

Fails: param_reruns_downstream
Says: changing prepare.seed, ran prepare, evaluate; expected prepare, train, evaluate
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m06_versioning._project import edit_project

edit_project(
    globals(),
    "dvc.yaml",
    [("      - versioning.py\n      - data/train.csv\n", "      - versioning.py\n")],
)
run_solution("m06-versioning", globals())
