"""Wrong: SARSA's update uses the best next action's value (Q-learning's target).

Fails: sarsa_update_values
Says: next_action=2, q[0, 0] afterwards
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    future = 0.0 if terminated else gamma * float(q[next_state, next_action])",
            "    future = 0.0 if terminated else gamma * float(np.max(q[next_state]))",
        ),
    ],
)
