"""Wrong: the targets are computed with gradients on, so backward reaches the target network.

Fails: td_loss_matches
Says: reached the target network
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "    with torch.no_grad():\n        next_q_target = target(batch.next_obs)\n",
            "    if True:\n        next_q_target = target(batch.next_obs)\n",
        ),
    ],
)
