"""Wrong: the plain target adds the next state's value after a fall too.

Fails: dqn_target_values
Says: dqn_targets(rewards
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "    return rewards + gamma * (1.0 - terminated) * next_q_target.max(dim=1).values\n",
            "    return rewards + gamma * next_q_target.max(dim=1).values\n",
        ),
    ],
)
