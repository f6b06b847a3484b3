"""Wrong: train does not check that images and labels have the same length: it fails later with an
IndexError.

Fails: train_learns
Says: expected ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("    if len(images) != len(labels):", "    if False:"),
    ],
)
