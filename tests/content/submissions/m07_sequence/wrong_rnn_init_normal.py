"""Wrong: the weights are drawn from a standard normal, not uniform in +-1/sqrt(hidden).

Fails: rnn_layout
Says: uniformly, 1/sqrt(hidden_size)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("parameter.uniform_(-bound, bound)", "parameter.normal_()")],
)
