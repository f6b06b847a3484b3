"""Wrong: value iteration gives every outcome a future, terminal ones too.

Fails: value_iteration_optimal
Says: Taxi-v4's env.unwrapped.P
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            ("                if not terminated:\n                    going_on[s, a, s2] += p"),
            "                going_on[s, a, s2] += p",
        ),
    ],
)
