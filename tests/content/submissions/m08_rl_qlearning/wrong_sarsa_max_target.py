"""Wrong: sarsa bootstraps from the best next action (Q-learning's target).

Fails: sarsa_replays
Says: Q-learning's target
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    return _train(env, config, on_policy=True)",
            "    return _train(env, config, on_policy=False)",
        ),
    ],
)
