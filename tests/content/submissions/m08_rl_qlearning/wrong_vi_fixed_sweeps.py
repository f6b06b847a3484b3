"""Wrong: value iteration stops after 50 sweeps, converged or not.

Fails: value_iteration_optimal
Says: FrozenLake-v1's env.unwrapped.P
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            ("    q = np.zeros((states, actions))\n    while True:"),
            ("    q = np.zeros((states, actions))\n    for _ in range(50):"),
        ),
        (
            ('        if not change > tol:  # "not >" also stops on NaN\n            return q'),
            (
                '        if not change > tol:  # "not >" also stops on NaN\n'
                "            return q\n"
                "    return q"
            ),
        ),
    ],
)
