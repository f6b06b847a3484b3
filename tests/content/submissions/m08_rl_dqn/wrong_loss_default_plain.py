"""Wrong: td_loss uses the plain DQN target unless told otherwise.

Fails: td_loss_matches
Says: without `double`
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "batch: Batch, gamma: float, double: bool = True",
            "batch: Batch, gamma: float, double: bool = False",
        ),
    ],
)
