"""Wrong: StandardScaler repeats fit in itself.

Fails: check_hierarchy
Says: defines its own fit(), template method
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def fit(self, rows):
    table = as_rows(rows)
    self._fit(table)
    self.n_features_in_ = len(table[0])
    return self
StandardScaler.fit = fit
