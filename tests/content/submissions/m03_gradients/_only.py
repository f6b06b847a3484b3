"""How a contract row with `only` becomes a submission (see tests/content/contracts.py).

`only` is a Python expression over the arguments of `function`: the submission's `function` is
the row's wrong one where it holds and the reference's elsewhere; every other function is the
reference's.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from tests.content.contracts import Row

PACKAGE = "tests.content.submissions.m03_gradients"

TEMPLATE = '''"""{wrong}, {function} only where {only}."""

import inspect

import numpy as np

from {package} import reference as _right
from {package} import {wrong} as _wrong
from {package}.reference import *


def {function}(*args, **kwargs):
    bound = inspect.signature(_right.{function}).bind(*args, **kwargs)
    bound.apply_defaults()
    use = _wrong if eval({only!r}, {{"np": np}}, dict(bound.arguments)) else _right
    return use.{function}(*args, **kwargs)
'''


def source(row: Row) -> str:
    """The source of the row's wrong submission, `row.function` restricted to `row.only`."""
    if not row.function:
        raise ValueError(f"{row.wrong}: a row with `only` names its `function` here")
    return TEMPLATE.format(package=PACKAGE, wrong=row.wrong, function=row.function, only=row.only)
