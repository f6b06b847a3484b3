"""Wrong: word_counts counts empty words.

Fails: check_word_counts
Says: returned {'': 3}, expected {}
"""

import string

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def word_counts(text):
    out = {}
    for w in text.split():
        w = w.strip(string.punctuation).lower()
        out[w] = out.get(w, 0) + 1
    return out
