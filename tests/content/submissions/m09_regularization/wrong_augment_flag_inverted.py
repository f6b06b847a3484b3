"""Wrong: train augments when config.augment is False and not when it is True: the baseline
gets the augmentation, "all" does not.

Fails: gap_shrinks
Says: gap_reduction
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-regularization",
    globals(),
    replace=[
        ("        if config.augment:\n", "        if not config.augment:\n"),
    ],
)
