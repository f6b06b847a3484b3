"""Wrong: transform calls StandardScaler's own _transform.

Fails: check_super
Says: overrides _transform
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


_base_transform = Transformer.transform
def transform(self, rows):
    if isinstance(self, StandardScaler):
        return StandardScaler._transform(self, as_rows(rows))
    return _base_transform(self, rows)
StandardScaler.transform = transform
