"""Wrong: evaluate rejects a single episode.

Fails: evaluate_seeded
Says: episodes=1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            "    if episodes < 1:",
            "    if episodes <= 1:",
        ),
    ],
)
