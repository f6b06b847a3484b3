"""Wrong: k outside 1..len(corpus) is not refused: k=0 returns nothing, k=31 fewer than k rows.

Fails: top_k
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    if not 1 <= k <= len(c):",
            "    if k < 0:",
        ),
    ],
)
