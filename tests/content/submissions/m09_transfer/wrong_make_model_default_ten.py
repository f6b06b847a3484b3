"""Wrong: make_model() without arguments builds 10 outputs, not the 5 of the brief.

Fails: model_parts
Says: expected one nn.Linear with 5 outputs
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[("def make_model(num_classes: int = 5)", "def make_model(num_classes: int = 10)")],
)
