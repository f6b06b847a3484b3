"""Wrong: train takes gradient steps from the first step, ignoring learning_starts.

Fails: train_follows_config
Says: no gradient step before learning_starts
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "if step >= config.learning_starts and step % config.train_every == 0:",
            "if step % config.train_every == 0:",
        ),
    ],
)
