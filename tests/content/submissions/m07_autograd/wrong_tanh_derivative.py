"""Wrong: the derivative of tanh(x) is taken as 1 - x^2 instead of 1 - tanh(x)^2.

Fails: elementwise
Says: a.tanh()
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution("m07-autograd", globals(), replace=[("1.0 - out**2", "1.0 - self.data**2")])
