"""Wrong: the table starts at ones, not zeros.

Fails: q_learning_replays
Says: from a table of zeros
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            ("    q = np.zeros((states, actions))\n    rng"),
            ("    q = np.ones((states, actions))\n    rng"),
        ),
    ],
)
