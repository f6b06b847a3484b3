"""Wrong: the Q-network has no ReLU: a linear map in disguise.

Fails: q_network
Says: is linear
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("        nn.ReLU(),\n", "", 2),
    ],
)
