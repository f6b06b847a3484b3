"""Wrong: evaluate is marked always_changed "to always have fresh metrics": it never skips.

Fails: second_run_skips
Says: nothing changed, ran evaluate again
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m06_versioning._project import edit_project

edit_project(
    globals(),
    "dvc.yaml",
    [
        (
            "    cmd: python versioning.py evaluate\n",
            "    cmd: python versioning.py evaluate\n    always_changed: true\n",
        )
    ],
)
run_solution("m06-versioning", globals())
