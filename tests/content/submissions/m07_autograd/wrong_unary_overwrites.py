"""Wrong: elementwise functions assign their input's gradient instead of adding to it: a tensor
used by two of them keeps only the last.

Fails: accumulates
Says: x.tanh() * x.exp()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd", globals(), replace=[("self.grad += grad * local", "self.grad = grad * local")]
)
