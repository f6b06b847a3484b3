"""Wrong: a mask that does not fit the vectors is not caught: torch fails with its own
RuntimeError while broadcasting.

Fails: mean_pool
Says: expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    if token_vectors.dim() != 3 or attention_mask.shape != token_vectors.shape[:2]:",
            "    if token_vectors.dim() != 3:",
        ),
    ],
)
