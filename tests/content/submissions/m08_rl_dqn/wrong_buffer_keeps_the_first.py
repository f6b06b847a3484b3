"""Wrong: once full, the buffer ignores new transitions instead of replacing the oldest.

Fails: buffer_keeps_the_last
Says: only transitions 3 to 7 are stored
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        (
            "        row = self.cursor\n",
            "        if self.size == self.capacity:\n"
            "            return\n"
            "        row = self.cursor\n",
        ),
    ],
)
