"""Wrong: InvalidValueError shows the value without repr.

Fails: check_exceptions
Says: repr()
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def _init(self, key, value, expected):
    ValueError.__init__(self, f"{key} must be {expected}, got {value}")
    self.key, self.value = key, value
InvalidValueError.__init__ = _init
