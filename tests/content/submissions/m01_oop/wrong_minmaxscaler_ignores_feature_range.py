"""Wrong: MinMaxScaler ignores feature_range.

Fails: check_minmax_scaler
Says: Use feature_range
"""

# ruff: noqa: B905, F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _transform(self, rows):
    return [
        [(x - lo) / (hi - lo) if hi > lo else 0.0
         for x, lo, hi in zip(row, self.data_min_, self.data_max_)]
        for row in rows
    ]
MinMaxScaler._transform = _transform
