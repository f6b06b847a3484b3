"""Wrong: compare scores both classifiers on the tweets they were trained on.

Fails: compare
Says: fit on the training part only
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-embeddings",
    globals(),
    replace=[
        (
            "    truth = np.asarray(test_labels)",
            "    truth = np.asarray(train_labels)",
        ),
        (
            "tfidf.predict(list(test_texts))",
            "tfidf.predict(list(train_texts))",
        ),
        (
            "frozen.predict(test_vectors)",
            "frozen.predict(train_vectors)",
        ),
    ],
)
