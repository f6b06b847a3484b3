"""Wrong: train stops only when an evaluation's mean goes past solved_mean, not when it reaches it.

Fails: train_follows_config
Says: went on to step
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("if mean >= config.solved_mean:", "if mean > config.solved_mean:"),
    ],
)
