"""Wrong: training follows the linear schedule even when the Config says exponential.

Fails: explores_on_schedule
Says: the exponential schedule from 1.0 to 0.05
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    schedule = SCHEDULES.get(config.schedule)\n",
            "    schedule = SCHEDULES.get(config.schedule) and linear_epsilon\n",
        ),
    ],
)
