"""Wrong: the linear schedule keeps falling after decay_episodes, below its end.

Fails: epsilon_schedules
Says: linear_epsilon(250
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            (
                "    progress = min(episode / decay_episodes, 1.0)\n"
                "    return start + (end - start) * progress"
            ),
            (
                "    progress = episode / decay_episodes\n"
                "    return start + (end - start) * progress"
            ),
        ),
    ],
)
