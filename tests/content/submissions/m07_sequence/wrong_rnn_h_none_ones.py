"""Wrong: a missing hidden state starts at ones, not zeros.

Fails: rnn_cell_matches
Says: h=None, zeros
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("h = x.new_zeros(expected)", "h = x.new_ones(expected)")],
)
