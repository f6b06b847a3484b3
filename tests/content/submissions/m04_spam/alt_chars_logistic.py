"""Correct: character n-grams alone, logistic regression with a weak penalty."""

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import Pipeline


def make_classifier():
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True, min_df=2)
    return Pipeline([("chars", chars), ("model", LogisticRegression(C=20.0, solver="liblinear"))])
