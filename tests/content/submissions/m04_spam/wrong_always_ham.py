"""Wrong: always "ham" (87% accurate, catches no spam).

Fails: spam_f1
Says: calls no message spam
"""

from __future__ import annotations

from sklearn.dummy import DummyClassifier
from tests.content.submissions.m04_spam.alt_chars_logistic import *


def make_classifier():
    return DummyClassifier(strategy="most_frequent")
