"""Wrong: the optimiser runs at Adam's default learning rate, whatever the Config says.

Fails: train_follows_config
Says: learning_rate=0.0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("lr=config.learning_rate, fused=True", "fused=True"),
    ],
)
