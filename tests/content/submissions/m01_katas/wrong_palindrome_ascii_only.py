"""Wrong: is_palindrome keeps only ASCII letters and digits (a non-Latin text reads as "").

Fails: check_is_palindrome
Says: is_palindrome, Привет, returned True, expected False
"""

import string

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())

_ASCII = set(string.ascii_lowercase + string.digits)


def is_palindrome(text):
    kept = [c for c in text.lower() if c in _ASCII]
    return kept == kept[::-1]
