"""Wrong: batch_size=0 is not checked; range() refuses it with a message that says nothing of
the batch size.

Fails: embed_by_hand
Says: a batch size below 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    if batch_size < 1:",
            "    if batch_size < 0:",
        ),
    ],
)
