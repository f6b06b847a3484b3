"""Wrong: MinMaxScaler clips new values.

Fails: check_minmax_scaler
Says: no clipping
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


_unclipped = MinMaxScaler._transform
def _transform(self, rows):
    low, high = self.feature_range
    return [[min(max(x, low), high) for x in row] for row in _unclipped(self, rows)]
MinMaxScaler._transform = _transform
