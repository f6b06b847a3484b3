"""Wrong: make_model always builds a head of 5 outputs, whatever num_classes asks.

Fails: model_parts
Says: expected one nn.Linear with 7 outputs
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer", globals(), replace=[("return SmallCNN(num_classes)", "return SmallCNN(5)")]
)
