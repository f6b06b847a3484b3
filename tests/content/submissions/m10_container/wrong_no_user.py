"""Wrong: the image never switches to the user it creates: the service runs as root.

Fails: runs_as_non_root
Says: no USER, runs as root
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "Dockerfile", [("USER app\n", "")])
run_solution("m10-container", globals())
