"""Wrong: is_palindrome compares the raw text.

Fails: check_is_palindrome
Says: is_palindrome, returned False, expected True
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def is_palindrome(text):
    return text == text[::-1]
