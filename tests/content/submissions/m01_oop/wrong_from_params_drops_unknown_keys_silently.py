"""Wrong: from_params drops unknown keys silently.

Fails: check_from_params
Says: expected it to raise ValueError, naming the key
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def from_params(cls, params):
    accepted = inspect.signature(cls).parameters
    return cls(**{k: v for k, v in params.items() if k in accepted})
Transformer.from_params = classmethod(from_params)
