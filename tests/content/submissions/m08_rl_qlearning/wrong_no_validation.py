"""Wrong: training accepts any setting (no episode, alpha 0, gamma above 1, ...).

Fails: rejects_bad_settings
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


def _validate(env, config):
    return int(env.observation_space.n), int(env.action_space.n)
