"""Wrong: value iteration accepts a tolerance of 0, which its sweeps may never reach.

Fails: value_iteration_optimal
Says: tol=0, expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    if tol <= 0.0:",
            "    if tol < 0.0:",
        ),
    ],
)
