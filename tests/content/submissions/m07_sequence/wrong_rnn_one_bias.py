"""Wrong: only bias_ih is added; bias_hh is forgotten.

Fails: rnn_cell_matches
Says: bias=True, bias_hh
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("pre = pre + self.bias_ih + self.bias_hh", "pre = pre + self.bias_ih")],
)
