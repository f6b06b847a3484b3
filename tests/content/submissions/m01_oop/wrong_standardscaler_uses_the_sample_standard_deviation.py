"""Wrong: StandardScaler uses the sample standard deviation.

Fails: check_standard_scaler
Says: divide by n
"""

# ruff: noqa: B905, F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _fit(self, rows):
    columns = list(zip(*rows))
    self.mean_ = [statistics.fmean(c) for c in columns]
    self.scale_ = [statistics.stdev(c) or 1.0 for c in columns]
StandardScaler._fit = _fit
