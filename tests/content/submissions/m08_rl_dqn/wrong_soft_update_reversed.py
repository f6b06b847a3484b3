"""Wrong: the soft update keeps tau of the target and takes 1 - tau of the online network.

Fails: target_network
Says: tau=0.25
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("kept.lerp_(new, tau)", "kept.lerp_(new, 1.0 - tau)"),
    ],
)
