"""Wrong: embed ignores batch_size and runs every text in one batch (right vectors, but a
corpus of a million tweets would not fit in memory).

Fails: embed_padding
Says: at most batch_size texts a batch
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    model.eval()  # dropout off",
            "    batch_size = max(len(texts), 1)\n    model.eval()  # dropout off",
        ),
    ],
)
