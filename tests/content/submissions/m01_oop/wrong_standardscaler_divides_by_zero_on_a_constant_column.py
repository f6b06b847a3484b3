"""Wrong: StandardScaler divides by zero on a constant column.

Fails: check_standard_scaler
Says: [1.870829, 18.708287, 1.0], constant
"""

# ruff: noqa: B905, F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _fit(self, rows):
    columns = list(zip(*rows))
    self.mean_ = [statistics.fmean(c) for c in columns]
    self.scale_ = [statistics.pstdev(c) for c in columns]
StandardScaler._fit = _fit
