"""Wrong: the alias 'challenger' is never cleared once the challenger is judged: the same
version is judged again on every batch and no new challenger can be trained.

Fails: event_log_consistent
Says: one challenger at a time, cleared once it is judged
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[("        self._set_alias(CHALLENGER, None)\n", "")],
)
