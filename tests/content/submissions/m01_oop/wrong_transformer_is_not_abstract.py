"""Wrong: Transformer is not abstract.

Fails: check_hierarchy
Says: Transformer is abstract
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


Transformer.__abstractmethods__ = frozenset()
