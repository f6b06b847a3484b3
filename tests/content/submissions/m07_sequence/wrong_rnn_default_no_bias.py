"""Wrong: RNNCell has no biases unless asked for them (nn.RNNCell's default is bias=True).

Fails: rnn_layout
Says: RNNCell(3, 5).named_parameters(), bias=True is the default
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "def __init__(self, input_size: int, hidden_size: int, bias: bool = True) -> None:",
            "def __init__(self, input_size: int, hidden_size: int, bias: bool = False) -> None:",
        )
    ],
)
