"""Wrong: generate gives the model the whole sequence, however long.

Fails: generate
Says: last block_size
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        logits = model(idx[:, -block_size:])[:, -1, :]",
            "        logits = model(idx)[:, -1, :]",
        ),
    ],
)
