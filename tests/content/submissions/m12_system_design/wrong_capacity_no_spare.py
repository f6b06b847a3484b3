"""Wrong: an online service planned without its spare replica (N, not N + 1).

Fails: capacity_matches
Says: ['replicas'], (online)
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design", globals(), replace=[("        replicas += 1\n", "        pass\n")]
)
