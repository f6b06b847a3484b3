"""Wrong: compare fits the TF-IDF vocabulary and weights on the training and the test tweets
together (the test tweets leak into the baseline).

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
            "    tfidf = tfidf_baseline().fit(list(train_texts), np.asarray(train_labels))",
            "    tfidf = tfidf_baseline()\n"
            "    vectorizer, classifier = tfidf[0], tfidf[-1]\n"
            "    vectorizer.fit(list(train_texts) + list(test_texts))\n"
            "    classifier.fit(vectorizer.transform(list(train_texts)), np.asarray(train_labels))",
        ),
    ],
)
