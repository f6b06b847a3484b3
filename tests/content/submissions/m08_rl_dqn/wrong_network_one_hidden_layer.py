"""Wrong: one hidden layer instead of two.

Fails: q_network
Says: the number of parameters
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("        nn.Linear(hidden, hidden),\n        nn.ReLU(),\n", ""),
    ],
)
