"""Wrong: the tanh approximation of GELU instead of the exact one.

Fails: block_matches_torch
Says: F.gelu's default
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "self.linear2(F.gelu(self.linear1(self.norm2(x))))",
            'self.linear2(F.gelu(self.linear1(self.norm2(x)), approximate="tanh"))',
        ),
    ],
)
