"""Wrong: evaluation keeps exploring (epsilon 0.2) instead of playing greedily.

Fails: evaluate_greedy
Says: evaluate(net, env, seeds=[3, 5, 8, 13])
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m08-rl-dqn", globals())


def evaluate(q_network, env, seeds):
    rng = np.random.default_rng(1)
    returns = []
    for seed in seeds:
        obs, _ = env.reset(seed=int(seed))
        total, done = 0.0, False
        while not done:
            action = select_action(q_network, obs, 0.2, rng)  # noqa: F821
            obs, reward, terminated, truncated, _ = env.step(action)
            total += float(reward)
            done = terminated or truncated
        returns.append(total)
    return returns
