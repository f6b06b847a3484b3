"""Wrong: the environment is never seeded: its slips differ from run to run.

Fails: seeded
Says: two different tables
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "        state, _ = env.reset(seed=env_seed if episode == 0 else None)",
            "        state, _ = env.reset()",
        ),
    ],
)
