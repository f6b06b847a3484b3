"""Wrong: q_learning bootstraps from the next action taken (SARSA's target).

Fails: q_learning_replays
Says: is not the replay of your own 300 episodes
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    return _train(env, config, on_policy=False)",
            "    return _train(env, config, on_policy=True)",
        ),
    ],
)
