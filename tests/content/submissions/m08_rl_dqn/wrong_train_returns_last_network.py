"""Wrong: train returns the last network, not the best evaluated one.

Fails: train_reports_its_run
Says: keep the weights of the best evaluation
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("    if best_weights is not None:", "    if False:"),
    ],
)
