"""Wrong: the cell keeps a torch.nn.RNNCell inside and calls it.

Fails: rnn_from_scratch
Says: holds an nn.RNNCell
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution
from torch import nn

run_solution("m07-sequence", globals())


class RNNCell(nn.Module):
    def __init__(self, input_size, hidden_size, bias=True):
        super().__init__()
        self.inner = nn.RNNCell(input_size, hidden_size, bias=bias)

    def forward(self, x, h=None):
        return self.inner(x, h)
