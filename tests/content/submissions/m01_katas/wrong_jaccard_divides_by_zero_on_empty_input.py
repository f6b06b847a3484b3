"""Wrong: jaccard divides by zero on empty input.

Fails: check_jaccard
Says: ZeroDivisionError, when the union is empty, return 1.0
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def jaccard(a, b):
    a, b = set(a), set(b)
    return len(a & b) / len(a | b)
