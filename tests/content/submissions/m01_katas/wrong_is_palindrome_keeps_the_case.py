"""Wrong: is_palindrome keeps the case.

Fails: check_is_palindrome
Says: is_palindrome, returned False, expected True
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def is_palindrome(text):
    kept = [c for c in text if c.isalnum()]
    return kept == kept[::-1]
