"""Wrong: healthy() catches only HTTPError: where nothing listens, URLError escapes and the health
check crashes instead of answering False.

Fails: healthcheck_script
Says: raised URLError, connection refused
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m10-container",
    globals(),
    replace=[
        (
            "except (OSError, ValueError, http.client.HTTPException):",
            "except urllib.error.HTTPError:",
        )
    ],
)
