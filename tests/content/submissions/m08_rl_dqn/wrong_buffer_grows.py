"""Wrong: the buffer keeps every transition; it never drops the oldest.

Fails: buffer_keeps_the_last
Says: len(buffer) after 6 add() calls
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("self.size = min(self.size + 1, self.capacity)", "self.size = self.size + 1"),
    ],
)
