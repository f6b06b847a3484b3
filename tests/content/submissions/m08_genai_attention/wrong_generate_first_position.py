"""Wrong: generate samples from the logits at the first position, not the last.

Fails: generate
Says: at the last position
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        logits = model(idx[:, -block_size:])[:, -1, :]",
            "        logits = model(idx[:, -block_size:])[:, 0, :]",
        ),
    ],
)
