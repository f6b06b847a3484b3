"""Wrong: feature_range is stored as given (a list).

Fails: check_feature_range
Says: Store a tuple of two floats
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


_validate = MinMaxScaler.feature_range.fset
def _set(self, value):
    _validate(self, value)
    self._feature_range = value
MinMaxScaler.feature_range = MinMaxScaler.feature_range.setter(_set)
