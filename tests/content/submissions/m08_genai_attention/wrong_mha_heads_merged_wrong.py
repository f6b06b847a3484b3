"""Wrong: the heads are put back with a reshape that skips the transpose: positions and heads are
mixed.

Fails: mha_matches_torch
Says: on x (3, 5, 8), head h takes features
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "merged = heads.transpose(1, 2).reshape(batch, length, self.embed_dim)",
            "merged = heads.reshape(batch, length, self.embed_dim)",
        ),
    ],
)
