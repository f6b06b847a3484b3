"""Wrong: the derivative of exp(x) is taken as x.

Fails: elementwise
Says: a.exp()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[
        (
            "return self._unary(out, out)\n\n    def log",
            "return self._unary(out, self.data)\n\n    def log",
        )
    ],
)
