"""Wrong: a Config that asks for more training steps than the budget.

Fails: greedy_mean_reaches_the_bar
Says: over the budget of 30,000
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("total_steps: int = 30_000", "total_steps: int = 40_000"),
    ],
)
