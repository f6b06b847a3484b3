"""Wrong: train never passes config.double to td_loss, so it always learns double DQN.

Fails: train_follows_config
Says: double=True and double=False
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "td_loss(online, target, batch, config.gamma, double=config.double)",
            "td_loss(online, target, batch, config.gamma)",
        ),
    ],
)
