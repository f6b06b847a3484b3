"""Wrong: jaccard counts repeats.

Fails: check_jaccard
Says: jaccard([1, 1, 2], [2]), expected 0.5
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def jaccard(a, b):
    a, b = list(a), list(b)
    if not a and not b:
        return 1.0
    inter = [x for x in a if x in b]
    return len(inter) / (len(a) + len(b) - len(inter))
