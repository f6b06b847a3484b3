"""Wrong: the training batches have 64 images, whatever config.batch_size says.

Fails: train_loop
Says: batches of config.batch_size = 32
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "batch_size=config.batch_size,",
            "batch_size=64,",
        ),
    ],
)
