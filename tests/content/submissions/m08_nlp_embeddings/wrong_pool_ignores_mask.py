"""Wrong: mean_pool averages every token vector, padding included.

Fails: mean_pool
Says: where the mask is 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    return (token_vectors * mask).sum(dim=1) / counts",
            "    return token_vectors.mean(dim=1)",
        ),
    ],
)
