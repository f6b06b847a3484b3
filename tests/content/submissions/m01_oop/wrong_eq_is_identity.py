"""Wrong: __eq__ is identity.

Fails: check_dunder
Says: gave False, expected True, same class
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


del Transformer.__eq__
