"""Wrong: fit marks the transformer fitted before _fit.

Fails: check_template_method
Says: is_fitted became True although _fit raised
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def fit(self, rows):
    table = as_rows(rows)
    self.n_features_in_ = len(table[0])
    self._fit(table)
    return self
Transformer.fit = fit
