"""Wrong: value iteration's default tolerance is 1e-3, not 1e-10: it stops far from the optimum.

Fails: value_iteration_optimal
Says: random 6-state model with terminal outcomes, gamma=0.8)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "gamma: float, tol: float = 1e-10)",
            "gamma: float, tol: float = 1e-3)",
        ),
    ],
)
