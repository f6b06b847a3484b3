"""Wrong: flatten opens strings and tuples too.

Fails: check_flatten
Says: expected [(1, 2), 3, {'k': 4}]
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def flatten(nested):
    out = []
    for x in nested:
        if isinstance(x, (list, tuple)):
            out.extend(flatten(list(x)))
        else:
            out.append(x)
    return out
