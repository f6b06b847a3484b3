"""Wrong: Q-learning's update returns a new table and leaves q unchanged.

Fails: q_learning_update_values
Says: in place
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


def q_learning_update(q, state, action, reward, next_state, terminated, alpha, gamma):
    new = q.copy()
    future = 0.0 if terminated else gamma * np.max(q[next_state])
    new[state, action] += alpha * (reward + future - q[state, action])
    return new
