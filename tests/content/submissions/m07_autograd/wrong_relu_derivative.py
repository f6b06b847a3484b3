"""Wrong: relu passes its gradient through everywhere, negative entries included.

Fails: elementwise
Says: a.relu()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[("(self.data > 0.0).astype(np.float64)", "np.ones_like(self.data)")],
)
