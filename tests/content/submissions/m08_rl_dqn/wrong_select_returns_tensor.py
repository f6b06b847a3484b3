"""Wrong: select_action returns the argmax as a tensor.

Fails: epsilon_greedy
Says: expected an int
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-dqn",
    globals(),
    replace=[
        ("    return int(values.argmax())\n", "    return values.argmax()\n"),
    ],
)
