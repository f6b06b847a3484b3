"""Wrong: is_fitted is a method, not a property.

Fails: check_hierarchy
Says: should be a property
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


Transformer.is_fitted = lambda self: self.n_features_in_ is not None
