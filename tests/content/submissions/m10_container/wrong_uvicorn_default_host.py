"""Wrong: uvicorn starts without --host: it listens on 127.0.0.1, unreachable from outside the
container.

Fails: serves_on_exposed_port
Says: 127.0.0.1 (its default), --host 0.0.0.0
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "Dockerfile", [(', "--host", "0.0.0.0"', "")])
run_solution("m10-container", globals())
