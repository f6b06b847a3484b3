"""Wrong: healthy() ignores timeout_s: a hung service keeps the health check waiting, then passes
it.

Fails: healthcheck_script
Says: after 1.0 s, pass timeout_s on
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m10-container", globals(), replace=[("urlopen(url, timeout=timeout_s)", "urlopen(url)")]
)
