"""Wrong (too cautious): word TF-IDF with naive Bayes at its default smoothing.

Fails: spam_f1
Says: the model misses spam
"""

from __future__ import annotations

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.naive_bayes import MultinomialNB
from sklearn.pipeline import make_pipeline
from tests.content.submissions.m04_spam.alt_chars_logistic import *


def make_classifier():
    return make_pipeline(TfidfVectorizer(), MultinomialNB())
