"""Wrong: mean() returns the sum.

Fails: reductions
Says: a.mean()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd", globals(), replace=[("return self.sum() / self.data.size", "return self.sum()")]
)
