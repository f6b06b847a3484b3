"""Wrong: evaluate ends an episode only when terminated, and steps past the time limit.

Fails: evaluate_seeded
Says: after the episode had ended
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-rl-qlearning",
    globals(),
    replace=[
        (
            ("            total += float(reward)\n            done = terminated or truncated"),
            ("            total += float(reward)\n            done = terminated"),
        ),
    ],
)
