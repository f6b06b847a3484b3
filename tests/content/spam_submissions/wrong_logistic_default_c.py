"""Wrong (too cautious): word TF-IDF with LogisticRegression's default C=1."""

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import make_pipeline


def make_classifier():
    return make_pipeline(TfidfVectorizer(), LogisticRegression())
