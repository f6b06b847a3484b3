"""Wrong: a promotion moves 'champion' but does not name the version it replaced.

Fails: better_challenger_promoted
Says: previous, rollback path
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m11-monitoring",
    globals(),
    replace=[("            self._set_alias(PREVIOUS, champion)\n", "")],
)
