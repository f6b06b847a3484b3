"""Wrong: predict_proba returns the logits, without the softmax.

Fails: predict_probabilities
Says: softmax
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (".softmax(dim=1).cpu()", ".cpu()"),
    ],
)
