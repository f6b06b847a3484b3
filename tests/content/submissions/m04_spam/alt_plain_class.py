"""Correct: a plain class that lower-cases, vectorises and classifies inside fit."""

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier


class SpamFilter:
    def fit(self, texts, labels):
        self.vectorizer_ = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True)
        features = self.vectorizer_.fit_transform([t.lower() for t in texts])
        self.model_ = SGDClassifier(loss="hinge", alpha=1e-4, random_state=0)
        self.model_.fit(features, np.asarray(labels))
        return self

    def predict(self, texts):
        return self.model_.predict(self.vectorizer_.transform([t.lower() for t in texts]))


def make_classifier():
    return SpamFilter()
