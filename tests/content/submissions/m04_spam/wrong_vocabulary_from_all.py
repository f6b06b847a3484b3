"""Wrong: the vectoriser is fitted on all messages (held-out ones included) in make_classifier.

Fails: returns_unfitted
Says: read the SMS spam data set
"""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import make_pipeline
from sklearn.svm import LinearSVC
from tests.content.submissions.m04_spam.alt_chars_logistic import *

from airoadmap.datasets import load_frame


def make_classifier():
    vectorizer = TfidfVectorizer().fit(load_frame("sms-spam")["text"])
    return make_pipeline(vectorizer, LinearSVC())
