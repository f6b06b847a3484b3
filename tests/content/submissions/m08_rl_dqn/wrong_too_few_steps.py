"""Wrong: 1,500 training steps: the network has not learnt to balance the pole.

Fails: greedy_mean_reaches_the_bar
Says: greedy_mean=, is below the bar 475
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("total_steps: int = 30_000", "total_steps: int = 1_500"),
    ],
)
