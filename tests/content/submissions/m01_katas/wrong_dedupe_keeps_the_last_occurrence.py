"""Wrong: dedupe keeps the last occurrence.

Fails: check_dedupe
Says: dedupe, expected [3, 1, 2]
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def dedupe(items):
    return list(reversed(dict.fromkeys(reversed(items))))
