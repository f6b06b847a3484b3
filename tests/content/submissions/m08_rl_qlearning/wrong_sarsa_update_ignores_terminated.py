"""Wrong: SARSA's update bootstraps after a terminal step.

Fails: sarsa_update_values
Says: terminated=True
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    future = 0.0 if terminated else gamma * float(q[next_state, next_action])",
            "    future = gamma * float(q[next_state, next_action])",
        ),
    ],
)
