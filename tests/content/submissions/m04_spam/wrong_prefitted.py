"""Wrong: returns a pipeline that is already fitted (here on a few made-up messages).

Fails: returns_unfitted
Says: already fitted
"""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC
from tests.content.submissions.m04_spam.alt_chars_logistic import *


def make_classifier():
    model = make_pipeline(TfidfVectorizer(), LinearSVC())
    return model.fit(["win a free prize now", "see you at lunch"], ["spam", "ham"])
