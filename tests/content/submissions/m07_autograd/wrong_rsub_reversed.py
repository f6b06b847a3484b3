"""Wrong: number - tensor computes tensor - number.

Fails: add_sub
Says: 1.5 - a
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[("return self._lift(other) + (-self)", "return self + (-self._lift(other))")],
)
