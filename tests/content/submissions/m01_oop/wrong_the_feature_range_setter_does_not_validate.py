"""Wrong: the feature_range setter does not validate.

Fails: check_feature_range
Says: MinMaxScaler(feature_range=(1, 0)), expected it to raise ValueError
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def _set(self, value):
    low, high = value
    self._feature_range = (float(low), float(high))
MinMaxScaler.feature_range = MinMaxScaler.feature_range.setter(_set)
