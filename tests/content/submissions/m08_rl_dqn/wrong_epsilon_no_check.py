"""Wrong: decay_steps of 0 divides by zero instead of raising ValueError.

Fails: epsilon_schedule
Says: decay_steps=0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "if decay_steps < 1:",
            "if False:",
        ),
    ],
)
