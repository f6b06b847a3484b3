"""Wrong: the image sets PORT=8080 while the server listens on the EXPOSEd 8000: healthcheck.py
asks the wrong port.

Fails: healthcheck_instruction
Says: asks http://127.0.0.1:8080/health, set ENV PORT=8000
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "Dockerfile", [("PORT=8000", "PORT=8080")])
run_solution("m10-container", globals())
