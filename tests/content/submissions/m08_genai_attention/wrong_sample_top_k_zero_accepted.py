"""Wrong: a top_k of 0 is not rejected.

Fails: sample_next_seeded_and_validated
Says: top_k=0
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-genai-attention",
    globals(),
    replace=[
        (
            "    if top_k is not None and top_k < 1:\n",
            "    if top_k is not None and top_k < 0:\n",
        ),
    ],
)
