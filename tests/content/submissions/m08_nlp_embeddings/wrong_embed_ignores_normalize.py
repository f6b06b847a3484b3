"""Wrong: embed never scales the vectors to length 1.

Fails: embed_by_hand
Says: divided by its length
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "            if normalize:\n",
            "            if False:\n",
        ),
    ],
)
