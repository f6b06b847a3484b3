"""Wrong: feature_range is validated in __init__ only.

Fails: check_feature_range
Says: setter
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


del MinMaxScaler.feature_range
def __init__(self, feature_range=(0.0, 1.0)):
    Transformer.__init__(self)
    low, high = (float(v) for v in feature_range)
    if not (math.isfinite(low) and math.isfinite(high) and low < high):
        raise ValueError(f"bad feature_range {feature_range!r}")
    self.feature_range = (low, high)
MinMaxScaler.__init__ = __init__
