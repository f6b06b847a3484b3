"""Wrong: StandardScaler forgets super().__init__().

Fails: check_hierarchy
Says: super().__init__()
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


def __init__(self, *, with_mean=True):
    self.with_mean = with_mean
StandardScaler.__init__ = __init__
