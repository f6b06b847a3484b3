"""Wrong: episode_ends counts steps from 0.

Fails: train_reports_its_run
Says: episode_ends
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("result.episode_ends.append(step)", "result.episode_ends.append(step - 1)"),
    ],
)
