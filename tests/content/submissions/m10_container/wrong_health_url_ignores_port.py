"""Wrong: health_url() always uses port 8000, whatever PORT says.

Fails: healthcheck_script
Says: 9123
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m10-container", globals(), replace=[('int(environ.get("PORT", DEFAULT_PORT))', "DEFAULT_PORT")]
)
