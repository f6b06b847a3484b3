"""Wrong: StandardScaler uses the new rows' own mean.

Fails: check_standard_scaler
Says: after fitting on TRAIN
"""

# ruff: noqa: B905, F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _transform(self, rows):
    mean = [statistics.fmean(c) for c in zip(*rows)]
    return [[(x - m) / s for x, m, s in zip(row, mean, self.scale_)] for row in rows]
StandardScaler._transform = _transform
