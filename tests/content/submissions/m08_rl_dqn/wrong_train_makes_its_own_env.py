"""Wrong: train makes a CartPole of its own instead of stepping the env it is given.

Fails: train_stores_transitions
Says: took 0 steps of env
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "    torch.manual_seed(config.seed)\n    rng =",
            '    env = gym.make("CartPole-v1")\n    torch.manual_seed(config.seed)\n    rng =',
        ),
    ],
)
