"""Wrong: the first training episode is not seeded.

Fails: train_stores_transitions
Says: first env.reset
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("obs, _ = env.reset(seed=config.seed)", "obs, _ = env.reset()"),
    ],
)
