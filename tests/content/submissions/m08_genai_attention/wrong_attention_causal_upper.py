"""Wrong: the causal mask keeps the upper triangle: each query sees the keys after it.

Fails: attention_matches_torch
Says: is_causal=True, .tril()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            ".tril()",
            ".triu()",
        ),
    ],
)
