"""Wrong: train runs the images in their given order at every epoch.

Fails: train_batches
Says: same order
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        (
            "order = torch.randperm(len(images), generator=generator)",
            "order = torch.arange(len(images))",
        ),
    ],
)
