"""Wrong: train stores `terminated or truncated`: at the time limit the next state's value is
dropped.

Fails: train_stores_transitions
Says: hit the time limit, store `terminated` alone
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "buffer.add(obs, action, float(reward), next_obs, terminated)",
            "buffer.add(obs, action, float(reward), next_obs, terminated or truncated)",
        ),
    ],
)
