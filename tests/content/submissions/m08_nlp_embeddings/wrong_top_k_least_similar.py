"""Wrong: top_k returns the least similar rows first.

Fails: top_k
Says: most similar first
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            '    best = np.argsort(-scores, axis=1, kind="stable")[:, :k]',
            '    best = np.argsort(scores, axis=1, kind="stable")[:, :k]',
        ),
    ],
)
