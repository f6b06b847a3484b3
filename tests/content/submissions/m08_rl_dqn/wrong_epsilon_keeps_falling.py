"""Wrong: epsilon keeps falling past decay_steps, below end.

Fails: epsilon_schedule
Says: epsilon_at(1001
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("fraction = min(step / decay_steps, 1.0)", "fraction = step / decay_steps"),
    ],
)
