"""Wrong: tfidf_baseline() returns a pipeline already fitted on a few example tweets.

Fails: factories
Says: already fitted
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "        LogisticRegression(C=10.0, max_iter=1000),\n    )\n",
            "        LogisticRegression(C=10.0, max_iter=1000),\n"
            '    ).fit(["love it", "hate it"], ["positive", "negative"])\n',
        ),
    ],
)
