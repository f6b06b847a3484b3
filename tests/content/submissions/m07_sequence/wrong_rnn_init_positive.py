"""Wrong: the parameters are drawn uniformly in [0, 1/sqrt(hidden)], never negative.

Fails: rnn_layout
Says: RNNCell(3, 400).weight_ih, close to both ends
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("parameter.uniform_(-bound, bound)", "parameter.uniform_(0.0, bound)")],
)
