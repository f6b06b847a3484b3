"""Wrong: the scores are not divided by sqrt(E).

Fails: attention_matches_torch
Says: sqrt(E)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "scores = query @ key.transpose(-2, -1) / math.sqrt(query.shape[-1])",
            "scores = query @ key.transpose(-2, -1)",
        ),
    ],
)
