"""Wrong: to save time, each epoch validates on the first 1,000 validation images only (the
check's small runs have fewer, so only the full run shows it). One epoch, to keep the test short.

Fails: full_run_reports
Says: lowest valid_loss it reported, validation loss of the model it left
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "FashionDataset(images[valid_rows], labels[valid_rows]), batch_size=EVAL_BATCH_SIZE",
            (
                "FashionDataset(images[valid_rows[:1000]], labels[valid_rows[:1000]]),\n"
                "        batch_size=EVAL_BATCH_SIZE,"
            ),
        ),
        (
            "epochs: int = 4",
            "epochs: int = 1",
        ),
    ],
)
