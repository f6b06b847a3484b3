"""Wrong: the squared error instead of the Huber loss.

Fails: td_loss_matches
Says: Huber
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("return F.smooth_l1_loss(taken, goal)", "return F.mse_loss(taken, goal)"),
    ],
)
