"""Wrong: tfidf_baseline fits its vectorizer on the training and the predicted tweets.

Fails: tfidf
Says: fit the vectorizer on the training tweets only
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        (
            "vectorizer.fit_transform(train_texts)",
            "vectorizer.fit([*train_texts, *texts]).transform(train_texts)",
        ),
    ],
)
