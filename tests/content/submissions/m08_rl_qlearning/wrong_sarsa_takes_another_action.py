"""Wrong: SARSA updates with one next action, then draws another one to take.

Fails: sarsa_replays
Says: not the replay
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "            state, action = next_state, next_action",
            (
                "            if on_policy:\n"
                "                next_action = epsilon_greedy(q[next_state], epsilon, rng)\n"
                "            state, action = next_state, next_action"
            ),
        ),
    ],
)
