"""Wrong: __repr__ shows vars() instead of the parameters.

Fails: check_dunder
Says: expected 'StandardScaler(with_mean=True)'
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


Transformer.__repr__ = lambda self: f"{type(self).__name__}({vars(self)})"
