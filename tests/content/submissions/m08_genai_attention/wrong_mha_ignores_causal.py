"""Wrong: is_causal is not passed on to the attention.

Fails: mha_matches_torch
Says: is_causal=True
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "heads = scaled_dot_product_attention(q, k, v, is_causal=is_causal)",
            "heads = scaled_dot_product_attention(q, k, v)",
        ),
    ],
)
