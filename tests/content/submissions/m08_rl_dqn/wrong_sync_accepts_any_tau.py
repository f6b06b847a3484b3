"""Wrong: sync_target takes any tau, 0 (nothing moves) and 1.5 (past the online network) too.

Fails: target_network
Says: tau=0.0, expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "if not 0.0 < tau <= 1.0:",
            "if False:",
        ),
    ],
)
