"""Wrong: training runs one episode more than config.episodes.

Fails: q_learning_replays
Says: ran 301 episodes
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            ("    for episode in range(config.episodes):\n        epsilon"),
            ("    for episode in range(config.episodes + 1):\n        epsilon"),
        ),
    ],
)
