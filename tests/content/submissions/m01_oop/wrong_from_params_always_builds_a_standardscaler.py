"""Wrong: from_params always builds a StandardScaler.

Fails: check_from_params
Says: cls(**params)
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


Transformer.from_params = classmethod(lambda cls, params: StandardScaler(**params))
