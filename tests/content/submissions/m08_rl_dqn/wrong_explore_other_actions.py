"""Wrong: exploring picks one of the other actions, never the greedy one.

Fails: epsilon_greedy
Says: greedy one in
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "        return int(rng.integers(len(values)))\n",
            "        others = [a for a in range(len(values)) if a != int(values.argmax())]\n"
            "        return int(rng.choice(others))\n",
        ),
    ],
)
