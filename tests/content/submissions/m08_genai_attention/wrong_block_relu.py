"""Wrong: the feed-forward part uses ReLU instead of GELU.

Fails: block_matches_torch
Says: exact GELU
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "self.linear2(F.gelu(self.linear1(self.norm2(x))))",
            "self.linear2(F.relu(self.linear1(self.norm2(x))))",
        ),
    ],
)
