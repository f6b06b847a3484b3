"""Wrong: the gradient of a * b with respect to a is taken as a instead of b.

Fails: mul_div
Says: a * b, shapes (3, 4) * (3, 4)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[
        (
            "self.grad += _unbroadcast(grad * o.data, self.shape)",
            "self.grad += _unbroadcast(grad * self.data, self.shape)",
        )
    ],
)
