"""Wrong: make_target makes a shallow copy, which shares the online network's tensors.

Fails: target_network
Says: weights of its own
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "    target = copy.deepcopy(online)\n    target.requires_grad_(False)\n",
            "    target = copy.copy(online)\n",
        ),
    ],
)
