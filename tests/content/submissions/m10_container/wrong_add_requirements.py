"""Wrong: the requirements file comes in with ADD, which hadolint reports as an error (DL3020: use
COPY for local files).

Fails: hadolint_clean
Says: DL3020, Dockerfile:26
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "Dockerfile", [("COPY requirements.txt .\n", "ADD requirements.txt .\n")])
run_solution("m10-container", globals())
