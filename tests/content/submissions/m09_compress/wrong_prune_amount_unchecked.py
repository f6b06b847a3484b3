"""Wrong: prune_global accepts any amount.

Fails: pruning
Says: ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            (
                "    if not 0.0 <= amount < 1.0:\n"
                '        raise ValueError(f"amount must be in [0, 1), got {amount}")\n'
            ),
            "",
        ),
    ],
)
