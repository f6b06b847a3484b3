"""Wrong: __eq__ crashes on other types.

Fails: check_dunder
Says: return NotImplemented
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


Transformer.__eq__ = lambda self, other: vars(self) == vars(other)
