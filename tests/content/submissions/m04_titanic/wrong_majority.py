"""Wrong: always predicts the most common class ("died").

Fails: holdout_accuracy
Says: same class for everyone
"""

from __future__ import annotations

from sklearn.dummy import DummyClassifier
from tests.content.submissions.m04_titanic.alt_grid_search import *


def make_model():
    return DummyClassifier(strategy="most_frequent")
