"""Wrong: train stores the new observation as the old one: (next_obs, action, reward,
next_obs, terminated).

Fails: train_stores_transitions
Says: differs from the one env produced in its obs
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "buffer.add(obs, action, float(reward), next_obs, terminated)",
            "buffer.add(next_obs, action, float(reward), next_obs, terminated)",
        ),
    ],
)
