"""Wrong: top_k ranks by the dot product, so long vectors win whatever their direction.

Fails: top_k
Says: divide each by its norm
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    scores = (q / q_norms) @ (c / c_norms).T",
            "    scores = q @ c.T",
        ),
    ],
)
