"""Wrong: fit does not copy the rows with as_rows.

Fails: check_template_method
Says: as_rows(rows)
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def fit(self, rows):
    self._fit(rows)
    self.n_features_in_ = len(rows[0])
    return self
Transformer.fit = fit
