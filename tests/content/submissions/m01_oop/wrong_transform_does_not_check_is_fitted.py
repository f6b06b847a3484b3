"""Wrong: transform does not check is_fitted.

Fails: check_template_method
Says: expected NotFittedError, check is_fitted first
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def transform(self, rows):
    return self._transform(as_rows(rows))
Transformer.transform = transform
