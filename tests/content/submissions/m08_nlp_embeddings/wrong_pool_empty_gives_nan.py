"""Wrong: a sentence whose mask keeps no token gets 0 / 0 (NaN) instead of a ValueError.

Fails: mean_pool
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    if bool((counts == 0).any()):",
            "    if False:",
        ),
    ],
)
