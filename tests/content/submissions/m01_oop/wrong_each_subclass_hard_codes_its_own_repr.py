"""Wrong: each subclass hard-codes its own repr.

Fails: check_super
Says: expected 'Rounded(with_mean=False, digits=1)'
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


StandardScaler.__repr__ = lambda self: f"StandardScaler(with_mean={self.with_mean!r})"
MinMaxScaler.__repr__ = lambda self: f"MinMaxScaler(feature_range={self.feature_range!r})"
