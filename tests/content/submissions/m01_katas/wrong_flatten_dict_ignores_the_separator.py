"""Wrong: flatten_dict ignores the separator.

Fails: check_flatten_dict
Says: sep='/', 'opt/betas/b1'
"""

from tests.content.submissions._solution import run_solution

run_solution("m01-katas", globals())


def flatten_dict(data, sep='.'):
    out = {}
    for k, v in data.items():
        if isinstance(v, dict):
            out.update({k + '.' + k2: v2 for k2, v2 in flatten_dict(v).items()})
        else:
            out[k] = v
    return out
