"""Wrong: the one-cycle schedule is stepped once per epoch: in a short run it never reaches its
peak.

Fails: train_schedule
Says: highest learning rate
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("steps_per_epoch=steps_per_epoch", "steps_per_epoch=1"),
        ("            scheduler.step()\n", ""),
        ("        record = {", "        scheduler.step()\n        record = {"),
    ],
)
