"""Wrong: epsilon_greedy draws from NumPy's global generator, not the rng it is given.

Fails: epsilon_greedy_draws
Says: same seed
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


def epsilon_greedy(q_row, epsilon, rng):
    if np.random.random() < epsilon:
        return int(np.random.randint(len(q_row)))
    return int(np.random.choice(np.flatnonzero(q_row == np.max(q_row))))
