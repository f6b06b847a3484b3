"""Wrong: Pipeline keeps the caller's list.

Fails: check_pipeline
Says: kept the caller's list, list(steps)
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-oop", globals())


_checked_init = Pipeline.__init__
def __init__(self, steps):
    _checked_init(self, steps)
    self.steps = steps
Pipeline.__init__ = __init__
