"""Wrong: the loop runs config.steps - 1 steps.

Fails: train_follows_config
Says: weights it started from
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    for _ in range(config.steps):",
            "    for _ in range(config.steps - 1):",
        ),
    ],
)
