"""Wrong: the cell does not check the input's size; torch's matrix product fails instead.

Fails: rnn_cell_rejects_bad_input
Says: raised RuntimeError, expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "if x.dim() not in (1, 2) or x.shape[-1] != self.input_size:",
            "if x.dim() == 0:",
        )
    ],
)
