"""Wrong: weight_ih is stored as (input_size, hidden_size), not nn.RNNCell's layout.

Fails: rnn_layout
Says: named_parameters, weight_ih (hidden, input)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "self.weight_ih = nn.Parameter(torch.empty(hidden_size, input_size))",
            "self.weight_ih = nn.Parameter(torch.empty(input_size, hidden_size))",
        ),
        ("pre = x @ self.weight_ih.T + h", "pre = x @ self.weight_ih + h"),
    ],
)
