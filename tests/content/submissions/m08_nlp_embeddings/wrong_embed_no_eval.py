"""Wrong: embed never switches the model to eval mode: handed over in training mode, dropout
changes every vector.

Fails: embed_by_hand
Says: model.eval()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    model.eval()  # dropout off: the same text always gets the same vector\n",
            "",
        ),
    ],
)
