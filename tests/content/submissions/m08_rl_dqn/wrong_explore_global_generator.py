"""Wrong: select_action draws with NumPy's global generator, not the rng it is given.

Fails: epsilon_greedy
Says: seeded alike
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "    if rng.random() < epsilon:\n        return int(rng.integers(len(values)))\n",
            "    if np.random.random() < epsilon:\n"
            "        return int(np.random.randint(len(values)))\n",
        ),
    ],
)
