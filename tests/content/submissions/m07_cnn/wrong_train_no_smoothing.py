"""Wrong: train ignores config.label_smoothing.

Fails: train_smoothing
Says: label_smoothing
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("nn.CrossEntropyLoss(label_smoothing=config.label_smoothing)", "nn.CrossEntropyLoss()"),
    ],
)
