"""Wrong: train does not check the action space, and fails deep inside on a continuous one.

Fails: train_rejects_continuous_actions
Says: expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "if shape is None or len(shape) != 1 or not isinstance(space, gym.spaces.Discrete):",
            "if False:",
        ),
    ],
)
