"""Wrong: negation returns a copy of the tensor, sign unchanged.

Fails: add_sub
Says: -a
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals(), replace=[("return self * -1.0", "return self * 1.0")])
