"""Wrong: healthy() does not catch http.client.HTTPException: an answer that is not HTTP crashes
it.

Fails: healthcheck_script
Says: raised BadStatusLine, not HTTP
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m10-container",
    globals(),
    replace=[
        (
            "except (OSError, ValueError, http.client.HTTPException):",
            "except (OSError, ValueError):",
        )
    ],
)
