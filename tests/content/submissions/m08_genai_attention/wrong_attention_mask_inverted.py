"""Wrong: attn_mask is read the other way round (True = masked, nn.MultiheadAttention's
convention).

Fails: attention_matches_torch
Says: attn_mask, True where a query may attend
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            'scores = scores.masked_fill(~attn_mask, float("-inf"))',
            'scores = scores.masked_fill(attn_mask, float("-inf"))',
        ),
    ],
)
