"""Wrong: a buffer of capacity 0 is accepted; it can hold nothing.

Fails: buffer_keeps_the_last
Says: ReplayBuffer(0, 3), expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("if capacity < 1:", "if False:"),
    ],
)
