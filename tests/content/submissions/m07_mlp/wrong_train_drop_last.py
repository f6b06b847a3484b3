"""Wrong: the training DataLoader drops the last, smaller batch.

Fails: train_loop
Says: each training image once
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "        shuffle=True,\n",
            "        shuffle=True,\n        drop_last=True,\n",
        ),
    ],
)
