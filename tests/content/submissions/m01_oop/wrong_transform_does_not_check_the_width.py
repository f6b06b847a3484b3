"""Wrong: transform does not check the width.

Fails: check_template_method
Says: after fitting on 2 columns, should mention '3'
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def transform(self, rows):
    if not self.is_fitted:
        raise NotFittedError("call fit first")
    return self._transform(as_rows(rows))
Transformer.transform = transform
