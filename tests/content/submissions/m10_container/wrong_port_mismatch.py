"""Wrong: uvicorn listens on 8080 while the image EXPOSEs 8000.

Fails: serves_on_exposed_port
Says: listens on port 8080, EXPOSEs 8000
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(globals(), "Dockerfile", [('"--port", "8000"', '"--port", "8080"')])
run_solution("m10-container", globals())
