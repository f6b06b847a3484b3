"""Wrong: the double target lets the target network choose the action: plain DQN again.

Fails: double_dqn_target_values
Says: double_dqn_targets(
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "chosen = next_q_online.argmax(dim=1, keepdim=True)",
            "chosen = next_q_target.argmax(dim=1, keepdim=True)",
        ),
    ],
)
