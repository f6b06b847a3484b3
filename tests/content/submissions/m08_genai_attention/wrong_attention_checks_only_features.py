"""Wrong: the shape check forgets the lengths of the key and the value.

Fails: attention_rejects_bad_shapes
Says: value (2, 5, 4)), expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    if query.shape[-1] != key.shape[-1] or key.shape[-2] != value.shape[-2]:",
            "    if query.shape[-1] != key.shape[-1]:",
        ),
    ],
)
