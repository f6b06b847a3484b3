"""Wrong: the baseline keeps only the 50 most frequent words: too few to read sentiment.

Fails: tfidf_bar
Says: tfidf_accuracy, is below the bar 0.75
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),",
            "        TfidfVectorizer(max_features=50),",
        ),
    ],
)
