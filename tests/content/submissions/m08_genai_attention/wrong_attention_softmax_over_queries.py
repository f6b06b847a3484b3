"""Wrong: the softmax runs over the queries (axis -2), not the keys.

Fails: attention_matches_torch
Says: the softmax over the keys
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "return torch.softmax(scores, dim=-1) @ value",
            "return torch.softmax(scores, dim=-2) @ value",
        ),
    ],
)
