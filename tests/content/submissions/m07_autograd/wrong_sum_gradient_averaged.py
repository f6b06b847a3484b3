"""Wrong: sum() sends each entry the gradient divided by the number of entries, as a mean would.

Fails: reductions
Says: a.sum()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd",
    globals(),
    replace=[
        ("np.broadcast_to(grad, self.shape)", "np.broadcast_to(grad / self.data.size, self.shape)")
    ],
)
