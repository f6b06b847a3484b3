"""Wrong: a fixed seed, whatever config.seed says.

Fails: seeded
Says: seed=4
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    rng = np.random.default_rng(config.seed)\n",
            "    rng = np.random.default_rng(0)\n",
        ),
    ],
)
