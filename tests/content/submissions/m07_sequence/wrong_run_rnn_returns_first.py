"""Wrong: run_rnn returns the first hidden state as the last one.

Fails: run_rnn_matches
Says: the last hidden state
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("return torch.stack(states), states[-1]", "return torch.stack(states), states[0]")],
)
