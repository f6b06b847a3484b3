"""Wrong: MissingKeyError does not call super().__init__.

Fails: check_exceptions
Says: expected "missing required key 'epochs'"
"""

# ruff: noqa: F821

from tests.content.submissions._solution import run_solution

run_solution("m01-errors-files", globals())


def _init(self, key):
    self.key = key
MissingKeyError.__init__ = _init
