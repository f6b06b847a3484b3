"""Wrong: td_loss always uses the double target, whatever `double` says.

Fails: td_loss_matches
Says: double=False
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "        if double:\n            goal = double_dqn_targets(",
            "        if True:\n            goal = double_dqn_targets(",
        ),
    ],
)
