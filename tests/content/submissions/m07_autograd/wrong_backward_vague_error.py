"""Wrong: backward() raises ValueError on a non-scalar tensor, but its message does not name
the problem.

Fails: backward_needs_scalar
Says: scalar
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[
        ('f"backward() needs a scalar output, this tensor has shape {self.shape}: "', '"bad "'),
        ('"reduce it with .sum() or .mean() first"', '"tensor"'),
    ],
)
