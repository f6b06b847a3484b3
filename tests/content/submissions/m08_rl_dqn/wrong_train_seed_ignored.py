"""Wrong: train always uses seed 0, whatever config.seed says.

Fails: train_is_seeded
Says: seed 0 and seed 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("config.seed", "0", 4),
    ],
)
