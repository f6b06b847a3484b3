"""Wrong: train never augments, whatever config.augment says.

Fails: train_augments
Says: unchanged
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("            if config.augment:\n                x = augment(x, generator)\n", ""),
    ],
)
