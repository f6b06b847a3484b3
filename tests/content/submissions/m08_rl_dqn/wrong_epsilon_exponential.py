"""Wrong: epsilon decays exponentially from start to end, not in a straight line.

Fails: epsilon_schedule
Says: epsilon_at(1, start=1.0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "    return start + fraction * (end - start)\n",
            "    return start * (end / start) ** fraction\n",
        ),
    ],
)
