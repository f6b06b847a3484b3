"""Wrong: training explores at epsilon_start in every episode.

Fails: explores_on_schedule
Says: were not greedy, predicts about
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            ("        epsilon = epsilon_at(config, episode)\n        state"),
            ("        epsilon = epsilon_at(config, 0)\n        state"),
        ),
    ],
)
