"""Wrong: attention computed under torch.no_grad(): no gradient reaches the inputs.

Fails: attention_gradients_match_torch
Says: without a gradient, torch.no_grad()
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
                "    with torch.no_grad():\n"
                "        return _attend(query, key, value, attn_mask, is_causal)\n"
                "\n"
                "\n"
                "def _attend(query, key, value, attn_mask, is_causal):\n"
                "    scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])  #"
                " (..., L, S)"
            ),
        ),
    ],
)
