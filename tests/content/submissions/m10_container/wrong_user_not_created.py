"""Wrong: USER app, but no RUN creates the user app.

Fails: runs_as_non_root
Says: Dockerfile:32, no RUN before it creates
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "Dockerfile",
    [("RUN groupadd --system app && useradd --system --gid app --no-create-home app\n", "")],
)
run_solution("m10-container", globals())
