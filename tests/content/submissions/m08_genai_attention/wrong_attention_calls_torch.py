"""Wrong: scaled_dot_product_attention hands the work to F.scaled_dot_product_attention.

Fails: attention_from_scratch
Says: scaled_dot_product_attention, F.scaled_dot_product_attention
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            (
                "    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])  #"
                " (..., L, S)"
            ),
            (
                "    return F.scaled_dot_product_attention(query, key, value, attn_mask, is"
                "_causal=is_causal)\n"
                "    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])  #"
                " (..., L, S)"
            ),
        ),
    ],
)
