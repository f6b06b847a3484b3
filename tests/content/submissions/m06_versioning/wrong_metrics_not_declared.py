"""Wrong: evaluate writes metrics.json but dvc.yaml does not list it: DVC does not know it.

Fails: pipeline_runs
Says: records no hash for metrics.json, metrics
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m06_versioning._project import edit_project

edit_project(
    globals(),
    "dvc.yaml",
    [("    metrics:\n      - metrics.json:\n          cache: false\n", "")],
)
run_solution("m06-versioning", globals())
