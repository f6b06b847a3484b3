"""Wrong: the causal mask zeroes the weights after the softmax, so each row no longer sums to 1.

Fails: attention_matches_torch
Says: is_causal=True, -inf
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            (
                "    if is_causal:\n"
                "        length, source = scores.shape[-2:]\n"
                "        allowed = torch.ones(length, source, dtype=torch.bool, device=scor"
                "es.device).tril()\n"
                '        scores = scores.masked_fill(~allowed, float("-inf"))\n'
                "    if attn_mask is not None:\n"
                '        scores = scores.masked_fill(~attn_mask, float("-inf"))\n'
                "    return torch.softmax(scores, dim=-1) @ value"
            ),
            (
                "    if attn_mask is not None:\n"
                '        scores = scores.masked_fill(~attn_mask, float("-inf"))\n'
                "    weights = torch.softmax(scores, dim=-1)\n"
                "    if is_causal:\n"
                "        length, source = scores.shape[-2:]\n"
                "        allowed = torch.ones(length, source, dtype=torch.bool, device=scor"
                "es.device).tril()\n"
                "        weights = weights * allowed\n"
                "    return weights @ value"
            ),
        ),
    ],
)
