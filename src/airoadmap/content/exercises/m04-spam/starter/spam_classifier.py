"""SMS spam: a text classifier on raw messages (m04-spam).

Write make_classifier(): it returns an UNFITTED scikit-learn Pipeline. The checks call
`model.fit(texts, labels)` with about 3,900 messages (a list of str) and their labels (an
array of "ham" / "spam"), then `model.predict(new_texts)` on about 970 others, and need a
spam F1 of at least 0.90. `airoadmap show m04-spam` explains the task; `airoadmap check`
grades it; `airoadmap hint` helps when you are stuck.

Explore with `from airoadmap.datasets import load_frame; df = load_frame("sms-spam")` in a
notebook (columns label, text), but not in this file: the model must learn only from what
`fit` receives.
"""

from __future__ import annotations

from typing import Any


def make_classifier() -> Any:
    """Return an UNFITTED pipeline: a list of message texts in, "ham" or "spam" out."""
    # TODO: build and return a Pipeline: a vectoriser that turns texts into TF-IDF features
    # (words, maybe characters too), then a classifier. Do not call fit here.
    raise NotImplementedError("make_classifier")
