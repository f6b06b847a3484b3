"""Wrong: backward() on a tensor of several numbers seeds every entry with 1 instead of raising.

Fails: backward_needs_scalar
Says: ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals(), replace=[("if self.data.size != 1:", "if False:")])
