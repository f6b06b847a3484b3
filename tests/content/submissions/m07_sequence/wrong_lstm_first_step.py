"""Wrong: the head reads the LSTM's output at the first step, before it saw the sequence.

Fails: lstm_model
Says: the last step
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[("return self.head(outputs[:, -1])", "return self.head(outputs[:, 0])")],
)
