"""Wrong: the texts are sorted by length for batching, and the vectors come back in that order.

Fails: embed_padding
Says: wrong order
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "            vectors[rows] = pooled.float().numpy()",
            "            vectors[start : start + len(rows)] = pooled.float().numpy()",
        ),
    ],
)
