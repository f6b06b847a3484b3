"""Wrong: train skips the last, smaller batch of each epoch: fewer steps than the budget.

Fails: training
Says: epochs x ceil(N / batch_size) steps
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "            loss = F.cross_entropy(model(images[rows]), labels[rows])\n",
            "            if len(rows) < config.batch_size:\n"
            "                continue\n"
            "            loss = F.cross_entropy(model(images[rows]), labels[rows])\n",
        )
    ],
)
