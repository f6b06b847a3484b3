"""Wrong: the cell hands its own weights to torch's recurrent kernel, torch.rnn_tanh_cell.

Fails: rnn_from_scratch
Says: torch.rnn_tanh_cell, recurrent kernel
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "        pre = x @ self.weight_ih.T + h @ self.weight_hh.T\n"
            "        if self.bias_ih is not None and self.bias_hh is not None:\n"
            "            pre = pre + self.bias_ih + self.bias_hh\n"
            "        return torch.tanh(pre)",
            "        return torch.rnn_tanh_cell(\n"
            "            x, h, self.weight_ih, self.weight_hh, self.bias_ih, self.bias_hh\n"
            "        )",
        )
    ],
)
