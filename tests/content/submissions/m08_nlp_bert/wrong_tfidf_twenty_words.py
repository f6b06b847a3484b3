"""Wrong: tfidf_baseline keeps 20 words: a weak baseline.

Fails: tfidf
Says: weak baseline
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            "TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)",
            "TfidfVectorizer(max_features=20)",
        ),
    ],
)
