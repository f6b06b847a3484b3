"""Wrong: a ReLU after the output layer: no Q-value can be negative.

Fails: q_network
Says: no negative Q-value
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "        nn.Linear(hidden, n_actions),\n",
            "        nn.Linear(hidden, n_actions),\n        nn.ReLU(),\n",
        ),
    ],
)
