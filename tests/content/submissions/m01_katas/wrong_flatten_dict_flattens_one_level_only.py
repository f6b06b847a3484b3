"""Wrong: flatten_dict flattens one level only.

Fails: check_flatten_dict
Says: expected {'a': 1, 'b.c': 2, 'b.d.e': 3}
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def flatten_dict(data, sep='.'):
    out = {}
    for k, v in data.items():
        if isinstance(v, dict):
            out.update({k + sep + k2: v2 for k2, v2 in v.items()})
        else:
            out[k] = v
    return out
