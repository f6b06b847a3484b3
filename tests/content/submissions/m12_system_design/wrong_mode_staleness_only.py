"""Wrong: batch whenever a day-old answer will do, even when the input is not known ahead.

Fails: serving_mode_follows_needs
Says: 'search' with answers a day old allowed, expected 'online'
"""

from tests.content.submissions._solution import run_solution

run_solution(
    "m12-system-design",
    globals(),
    replace=[('if s["inputs_known_ahead"] and s["max_staleness_h"]', 'if s["max_staleness_h"]')],
)
