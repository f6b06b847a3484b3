"""Wrong: backward() raises only when the tensor holds more than one number: an empty tensor goes
through.

Fails: backward_needs_scalar
Says: (0,)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-autograd", globals(), replace=[("if self.data.size != 1:", "if self.data.size > 1:")]
)
