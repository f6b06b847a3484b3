"""Wrong: the derivative of a / b with respect to b is a / b^2, without its minus sign.

Fails: mul_div
Says: a / b
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[
        (
            "o.grad += _unbroadcast(-grad * self.data / o.data**2, o.shape)",
            "o.grad += _unbroadcast(grad * self.data / o.data**2, o.shape)",
        )
    ],
)
