"""Wrong: flatten opens one level only.

Fails: check_flatten
Says: expected [1, 2, 3, 4, 5]
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def flatten(nested):
    out = []
    for x in nested:
        out.extend(x) if isinstance(x, list) else out.append(x)
    return out
