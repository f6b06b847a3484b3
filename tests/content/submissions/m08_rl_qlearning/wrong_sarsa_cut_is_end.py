"""Wrong: SARSA's loop treats a time-limit cut as a terminal state.

Fails: time_limit_is_not_an_end
Says: sarsa(one state, expected both at least 2.0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "q, state, action, float(reward), next_state, next_action, terminated,",
            ("q, state, action, float(reward), next_state, next_action, terminated or truncated,"),
        ),
    ],
)
