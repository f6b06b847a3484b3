"""Wrong: q_learning returns value iteration's table, computed from the model, without playing.

Fails: frozen_lake_q_learning
Says: ran 0 episodes
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


def q_learning(env, config):
    # value_iteration is defined by run_solution
    return value_iteration(env.unwrapped.P, min(config.gamma, 0.999))  # noqa: F821
