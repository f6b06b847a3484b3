"""Wrong: the reported train_loss is the loss of the epoch's last batch, not its mean.

Fails: train_loop
Says: train_loss of epoch 1
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            '"train_loss": total / count,',
            '"train_loss": loss.item(),',
        ),
    ],
)
