"""Wrong: predicts 1/0 instead of the labels fit received.

Fails: fits_raw_texts
Says: not 0/1
"""

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC


class NumericSpam:
    def fit(self, texts, labels):
        self.model_ = make_pipeline(TfidfVectorizer(), LinearSVC()).fit(texts, labels)
        return self

    def predict(self, texts):
        return (self.model_.predict(texts) == "spam").astype(int)


def make_classifier():
    return NumericSpam()
