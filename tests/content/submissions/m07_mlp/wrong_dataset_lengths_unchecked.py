"""Wrong: images and labels of different lengths are accepted.

Fails: dataset
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "if len(images) != len(labels):",
            "if False:",
        ),
    ],
)
