"""Wrong: the heads are split the wrong way: head h takes every num_heads-th feature.

Fails: mha_matches_torch
Says: head h takes features
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "(t.view(batch, length, self.num_heads, -1).transpose(1, 2) for t in (q, k, v))",
            "(t.view(batch, length, -1, self.num_heads).permute(0, 3, 1, 2) for t in (q, k, v))",
        ),
        (
            "merged = heads.transpose(1, 2).reshape(batch, length, self.embed_dim)",
            "merged = heads.permute(0, 2, 3, 1).reshape(batch, length, self.embed_dim)",
        ),
    ],
)
