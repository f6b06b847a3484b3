"""How a contract row with `only` becomes a submission (see tests/content/contracts.py).

`only` is a Python expression over the model (`self`): the submission behaves as the row's wrong
one where it holds (the class is swapped for the call) and as the correct alt_solve_unscaled
elsewhere.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.content.contracts import Row

PACKAGE = "tests.content.submissions.m03_linreg"

TEMPLATE = '''"""{wrong}, only where {only}."""

from {package} import alt_solve_unscaled as _right
from {package} import {wrong} as _wrong


class LinearRegression(_right.LinearRegression):
    def _as(self, name, *args):
        if not ({only}):
            return getattr(_right.LinearRegression, name)(self, *args)
        own = self.__class__
        self.__class__ = _wrong.LinearRegression
        try:
            return getattr(self, name)(*args)
        finally:
            self.__class__ = own

    def fit(self, X, y):
        return self._as("fit", X, y)

    def predict(self, X):
        return self._as("predict", X)

    def score(self, X, y):
        return self._as("score", X, y)
'''


def source(row: Row) -> str:
    """The source of the row's wrong submission, restricted to `row.only`."""
    return TEMPLATE.format(package=PACKAGE, wrong=row.wrong, only=row.only)
