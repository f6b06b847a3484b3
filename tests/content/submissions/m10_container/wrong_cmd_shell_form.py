"""Wrong: CMD in the shell form: /bin/sh is PID 1 and SIGTERM never reaches uvicorn.

Fails: serves_on_exposed_port
Says: shell form, SIGTERM
"""

from tests.content.submissions._solution import run_solution
from tests.content.submissions.m10_container._files import edit_file

edit_file(
    globals(),
    "Dockerfile",
    [
        (
            'CMD ["uvicorn", "--factory", "app:create_app", "--host", "0.0.0.0", "--port", "8000"]',
            "CMD uvicorn --factory app:create_app --host 0.0.0.0 --port 8000",
        )
    ],
)
run_solution("m10-container", globals())
