"""Wrong: always predicts the most common class ("died")."""

from sklearn.dummy import DummyClassifier


def make_model():
    return DummyClassifier(strategy="most_frequent")
