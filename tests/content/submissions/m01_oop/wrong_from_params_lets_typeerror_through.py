"""Wrong: from_params lets TypeError through.

Fails: check_from_params
Says: expected ValueError, naming the key
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


Transformer.from_params = classmethod(lambda cls, params: cls(**params))
