"""Wrong: the schedules reject a start of 0 (no exploring at all), a valid epsilon.

Fails: epsilon_schedules
Says: linear_epsilon(3, start=0.0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    if not (0.0 <= start <= 1.0 and",
            "    if not (0.0 < start <= 1.0 and",
        ),
    ],
)
