"""Wrong: training does not check that the states are Discrete, and fails obscurely on CartPole.

Fails: rejects_bad_settings
Says: CartPole-v1, expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    if not all(isinstance(space, gym.spaces.Discrete) for space in spaces):",
            "    if False:",
        ),
    ],
)
