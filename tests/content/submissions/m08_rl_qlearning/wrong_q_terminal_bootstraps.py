"""Wrong: Q-learning's loop never tells the update that a step was terminal.

Harmless on FrozenLake and Taxi, whose terminal states keep values of 0 (no step starts there),
but not on an environment whose terminal step leads back to a state with a value.

Fails: time_limit_is_not_an_end
Says: each episode ending in a terminal state, expected at most 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "q, state, action, float(reward), next_state, terminated,",
            "q, state, action, float(reward), next_state, False,",
        ),
    ],
)
