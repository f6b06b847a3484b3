"""Wrong: .dockerignore leaves .env in the build context.

Fails: no_secrets
Says: does not leave out .env
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), ".dockerignore", [(".env\n.env.*\n", "")])
run_solution("m10-container", globals())
