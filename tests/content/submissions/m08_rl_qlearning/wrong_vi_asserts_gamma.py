"""Wrong: value iteration rejects gamma 1 with AssertionError, not ValueError.

Fails: value_iteration_optimal
Says: AssertionError, expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            '        raise ValueError(f"gamma is {gamma}: value',
            '        raise AssertionError(f"gamma is {gamma}: value',
        ),
    ],
)
