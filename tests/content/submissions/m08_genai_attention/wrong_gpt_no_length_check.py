"""Wrong: a sequence longer than block_size runs into the position embedding's IndexError.

Fails: gpt_forward
Says: raised IndexError, expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        if length > self.config.block_size:",
            "        if False:",
        ),
    ],
)
