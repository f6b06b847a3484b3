"""Wrong: evaluate divides by zero when asked for no episode.

Fails: evaluate_seeded
Says: ZeroDivisionError, expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    if episodes < 1:",
            "    if episodes < 0:",
        ),
    ],
)
