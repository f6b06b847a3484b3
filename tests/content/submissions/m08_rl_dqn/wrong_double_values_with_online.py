"""Wrong: the double target reads the value of the chosen action from the online network.

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
            "next_q_target.gather(1, chosen).squeeze(1)",
            "next_q_online.gather(1, chosen).squeeze(1)",
        ),
    ],
)
