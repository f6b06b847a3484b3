"""Wrong: train reports the loss of each epoch's last batch, not the epoch's mean.

Fails: training
Says: the mean loss of each epoch
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        ("        losses.append(total / len(labels))\n", "        losses.append(loss.item())\n")
    ],
)
