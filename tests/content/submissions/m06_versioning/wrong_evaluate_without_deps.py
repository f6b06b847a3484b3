"""Wrong: the evaluate stage lists no deps: a new model does not make it re-run.

Fails: param_reruns_downstream
Says: changing train.l2, ran train; expected train, evaluate
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m06_versioning._project import edit_project

edit_project(
    globals(),
    "dvc.yaml",
    [
        (
            "    deps:\n      - versioning.py\n      - model/model.json\n      - data/test.csv\n",
            "",
        )
    ],
)
run_solution("m06-versioning", globals())
