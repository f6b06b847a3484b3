"""Wrong: train calls on_evaluation(mean, step) instead of on_evaluation(step, mean).

Fails: train_reports_its_run
Says: called on_evaluation with
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("on_evaluation(step, mean)", "on_evaluation(mean, step)"),
    ],
)
