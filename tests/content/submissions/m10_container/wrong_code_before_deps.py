"""Wrong: the code is copied before the dependencies are installed: every edit reinstalls them.

Fails: dependencies_before_code
Says: Dockerfile:26, copies the code before
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "Dockerfile",
    [("COPY requirements.txt .\n", "COPY app.py healthcheck.py ./\nCOPY requirements.txt .\n")],
)
run_solution("m10-container", globals())
