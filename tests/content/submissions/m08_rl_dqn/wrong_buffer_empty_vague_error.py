"""Wrong: sampling an empty buffer raises NumPy's own error, which does not say the buffer is empty.

Fails: buffer_keeps_the_last
Says: should name the problem
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "if self.size == 0:",
            "if False:",
        ),
    ],
)
