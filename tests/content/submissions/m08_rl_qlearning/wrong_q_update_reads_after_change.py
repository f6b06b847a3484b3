"""Wrong: the update shrinks q[s, a] before reading max(q[s']): wrong when s' is s.

Fails: q_learning_update_values
Says: q_learning_update(q, state=2
"""

from __future__ import annotations

import numpy as np
from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


def q_learning_update(q, state, action, reward, next_state, terminated, alpha, gamma):
    q[state, action] *= 1.0 - alpha
    future = 0.0 if terminated else gamma * np.max(q[next_state])
    q[state, action] += alpha * (reward + future)
