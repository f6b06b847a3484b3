"""Wrong: the schedules accept any argument (a negative episode, a start above 1).

Fails: epsilon_schedules
Says: linear_epsilon(-1, ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m08-rl-qlearning", globals())


def _check_schedule(episode, start, end, decay_episodes):
    return None
