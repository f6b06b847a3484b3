"""Correct: word TF-IDF with a linear SVM."""

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC


def make_classifier():
    return Pipeline([("tfidf", TfidfVectorizer()), ("model", LinearSVC())])
