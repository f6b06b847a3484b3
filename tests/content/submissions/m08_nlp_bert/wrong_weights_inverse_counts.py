"""Wrong: class_weights is 1 / count, not n / (classes x count).

Fails: weights
Says: class_weights(
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("len(labels) / (n_classes * counts)", "1.0 / counts"),
    ],
)
