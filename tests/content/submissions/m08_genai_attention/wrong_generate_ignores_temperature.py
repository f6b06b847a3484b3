"""Wrong: generate always samples at temperature 1.

Fails: generate
Says: temperature=0.7
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "        token = sample_next(logits, temperature, top_k, generator)",
            "        token = sample_next(logits, 1.0, top_k, generator)",
        ),
    ],
)
