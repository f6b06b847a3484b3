"""Wrong: evaluate seeds only the first episode; the others continue the env's random stream.

Fails: evaluate_greedy
Says: the seeds evaluate passed to env.reset
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "obs, _ = env.reset(seed=int(seed))",
            "obs, _ = env.reset(seed=None if returns else int(seed))",
        ),
    ],
)
