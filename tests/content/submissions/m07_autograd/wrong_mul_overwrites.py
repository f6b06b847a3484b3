"""Wrong: the backward of * assigns the gradients instead of adding them: x * x keeps only one
of its two uses.

Fails: accumulates
Says: x * x
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

LEFT = "self.grad += _unbroadcast(grad * o.data, self.shape)"
RIGHT = "o.grad += _unbroadcast(grad * self.data, o.shape)"

run_solution(
    "m07-autograd",
    globals(),
    replace=[(LEFT, LEFT.replace("+=", "=")), (RIGHT, RIGHT.replace("+=", "="))],
)
