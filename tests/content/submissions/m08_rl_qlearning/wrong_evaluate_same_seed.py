"""Wrong: evaluate resets every episode with the same seed.

Fails: evaluate_seeded
Says: seed + i
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "        state, _ = env.reset(seed=seed + i)",
            "        state, _ = env.reset(seed=seed)",
        ),
    ],
)
