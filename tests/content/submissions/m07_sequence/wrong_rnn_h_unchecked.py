"""Wrong: a hidden state of the wrong size goes through unchecked.

Fails: rnn_cell_rejects_bad_input
Says: h (4, 6), expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("elif tuple(h.shape) != expected:", "elif h.dim() == 0:")],
)
