"""Wrong (too cautious): word TF-IDF with LogisticRegression's default C=1.

Fails: spam_f1
Says: a larger C
"""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline
from tests.content.submissions.m04_spam.alt_chars_logistic import *


def make_classifier():
    return make_pipeline(TfidfVectorizer(), LogisticRegression())
