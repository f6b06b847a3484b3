"""Wrong: the cell's activation is relu, not tanh.

Fails: rnn_cell_matches
Says: RNNCell(3, 5), tanh
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("return torch.tanh(pre)", "return torch.relu(pre)")],
)
