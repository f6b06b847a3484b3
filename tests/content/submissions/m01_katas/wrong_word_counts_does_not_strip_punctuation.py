"""Wrong: word_counts does not strip punctuation.

Fails: check_word_counts
Says: expected {'hello': 3}
"""

from collections import Counter

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def word_counts(text):
    return Counter(text.lower().split())
