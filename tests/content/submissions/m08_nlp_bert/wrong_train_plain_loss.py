"""Wrong: train_classifier minimises the plain cross-entropy: the majority class wins.

Fails: imbalance
Says: P(positive)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-nlp-bert",
    globals(),
    replace=[
        ("nn.CrossEntropyLoss(weight=class_weights(labels))", "nn.CrossEntropyLoss()"),
    ],
)
