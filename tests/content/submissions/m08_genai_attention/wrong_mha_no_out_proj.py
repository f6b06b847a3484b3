"""Wrong: the heads are returned side by side, without out_proj.

Fails: mha_matches_torch
Says: apply out_proj
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            ("        out: Tensor = self.out_proj(merged)\n        return out"),
            "        return merged",
        ),
    ],
)
