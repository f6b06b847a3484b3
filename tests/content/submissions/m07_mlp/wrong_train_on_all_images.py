"""Wrong: train fits on every image it receives, the validation images too.

Fails: train_loop
Says: validation images were trained on
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "FashionDataset(images[train_rows], labels[train_rows])",
            "FashionDataset(images, labels)",
        ),
    ],
)
