"""Wrong: exploring draws only among the actions that are not best.

Fails: epsilon_greedy_draws
Says: epsilon_greedy([0.0, 2.0, 1.0, 2.0], epsilon=0.2)
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


def epsilon_greedy(q_row, epsilon, rng):
    best = np.flatnonzero(q_row == np.max(q_row))
    others = np.flatnonzero(q_row != np.max(q_row))
    if len(others) and rng.random() < epsilon:
        return int(rng.choice(others))
    return int(rng.choice(best))
