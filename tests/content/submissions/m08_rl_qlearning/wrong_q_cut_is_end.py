"""Wrong: Q-learning's loop treats a time-limit cut as a terminal state.

Fails: q_learning_replays
Says: treats a time-limit cut
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "q, state, action, float(reward), next_state, terminated,",
            "q, state, action, float(reward), next_state, terminated or truncated,",
        ),
    ],
)
