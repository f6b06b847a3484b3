"""Wrong: the block normalises after each residual addition (post-norm), not before each part.

Fails: block_matches_torch
Says: Pre-norm
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            (
                "        x = x + self.self_attn(self.norm1(x), is_causal=True)\n"
                "        out: Tensor = x + self.linear2(F.gelu(self.linear1(self.norm2(x))))"
            ),
            (
                "        x = self.norm1(x + self.self_attn(x, is_causal=True))\n"
                "        out: Tensor = self.norm2(x + self.linear2(F.gelu(self.linear1(x))))"
            ),
        ),
    ],
)
