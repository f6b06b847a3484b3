"""Wrong: the exponential schedule falls in a straight line.

Fails: epsilon_schedules
Says: exponential_epsilon(50
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    return start * (end / start) ** progress",
            "    return start + (end - start) * progress",
        ),
    ],
)
