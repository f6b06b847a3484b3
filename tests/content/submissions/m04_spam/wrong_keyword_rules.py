"""Wrong: hand-written keyword rules that ignore the labels fit receives.

Fails: learns_from_labels
Says: swapped
"""

import re

import numpy as np

SPAMMY = re.compile(r"free|txt|claim|prize|win|urgent|call 0|£|www\.|reply|stop|mobile", re.I)


class Rules:
    def fit(self, texts, labels):
        return self

    def predict(self, texts):
        return np.array(["spam" if SPAMMY.search(t) else "ham" for t in texts], dtype=object)


def make_classifier():
    return Rules()
