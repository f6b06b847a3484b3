"""Wrong: the HEALTHCHECK runs curl, which python:3.12-slim does not have.

Fails: healthcheck_instruction
Says: runs curl, do not have
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "Dockerfile",
    [
        (
            'CMD ["python", "healthcheck.py"]',
            "CMD curl --fail http://127.0.0.1:8000/health || exit 1",
        )
    ],
)
run_solution("m10-container", globals())
