"""Wrong: __eq__ compares parameters only.

Fails: check_dunder
Says: a fitted StandardScaler == an unfitted one gave True
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def __eq__(self, other):
    if type(other) is not type(self):
        return NotImplemented
    return self.get_params() == other.get_params()
Transformer.__eq__ = __eq__
