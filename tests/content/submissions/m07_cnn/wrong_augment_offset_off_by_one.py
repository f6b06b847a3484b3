"""Wrong: the offsets are drawn from 0..2 * padding - 1: a shift of +padding never happens.

Fails: augment_random
Says: never shifted
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("torch.randint(0, 2 * padding + 1,", "torch.randint(0, 2 * padding,", 2),
    ],
)
