"""Wrong: train never seeds torch: the initial weights change from run to run.

Fails: train_is_seeded
Says: learnt different networks
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("    torch.manual_seed(config.seed)\n", ""),
    ],
)
