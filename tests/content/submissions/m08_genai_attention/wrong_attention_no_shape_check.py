"""Wrong: no shape check: mismatched shapes end in torch's RuntimeError, not a ValueError.

Fails: attention_rejects_bad_shapes
Says: raised RuntimeError, expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    if query.shape[-1] != key.shape[-1] or key.shape[-2] != value.shape[-2]:",
            "    if False:",
        ),
    ],
)
