"""Wrong: MinMaxScaler divides by zero on a constant column.

Fails: check_minmax_scaler
Says: ZeroDivisionError, a constant column
"""

# ruff: noqa: B905, F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _transform(self, rows):
    low, high = self.feature_range
    return [
        [low + (x - lo) / (hi - lo) * (high - low)
         for x, lo, hi in zip(row, self.data_min_, self.data_max_)]
        for row in rows
    ]
MinMaxScaler._transform = _transform
