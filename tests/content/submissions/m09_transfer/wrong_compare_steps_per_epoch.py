"""Wrong: compare reports the steps of one epoch, not of the run.

Fails: comparing
Says: the steps of
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-transfer",
    globals(),
    replace=[
        (
            "    return config.epochs * math.ceil(n / config.batch_size)",
            "    return math.ceil(n / config.batch_size)",
        )
    ],
)
