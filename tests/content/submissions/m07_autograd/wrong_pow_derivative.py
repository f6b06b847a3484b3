"""Wrong: the derivative of x ** p is taken as p * x ** p instead of p * x ** (p - 1).

Fails: matmul_pow
Says: a ** 2
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd", globals(), replace=[("p * self.data ** (p - 1.0)", "p * self.data**p")]
)
