"""Wrong: the model is an out with cache: false: DVC sees it change but cannot put it back.

Fails: corruption_detected
Says: model/model.json, did not restore it, cache: false
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m06_versioning._project import edit_project

edit_project(
    globals(),
    "dvc.yaml",
    [
        (
            "      - model/model.json\n  evaluate:",
            "      - model/model.json:\n          cache: false\n  evaluate:",
        )
    ],
)
run_solution("m06-versioning", globals())
