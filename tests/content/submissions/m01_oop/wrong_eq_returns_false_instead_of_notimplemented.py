"""Wrong: __eq__ returns False instead of NotImplemented.

Fails: check_dunder
Says: returned False, expected NotImplemented
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


Transformer.__eq__ = lambda self, o: type(o) is type(self) and vars(self) == vars(o)
