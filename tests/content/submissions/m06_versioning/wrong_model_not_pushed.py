"""Wrong: the model is an out with push: false: a fresh clone cannot get it from the remote.

Fails: previous_version_restored
Says: dvc pull, model/model.json, push: false
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m06_versioning._project import edit_project

edit_project(
    globals(),
    "dvc.yaml",
    [
        (
            "      - model/model.json\n  evaluate:",
            "      - model/model.json:\n          push: false\n  evaluate:",
        )
    ],
)
run_solution("m06-versioning", globals())
