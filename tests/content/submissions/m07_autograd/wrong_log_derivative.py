"""Wrong: the derivative of log(x) is taken as 1 / x^2.

Fails: elementwise
Says: a.log()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals(), replace=[("1.0 / self.data)", "1.0 / self.data**2)")])
