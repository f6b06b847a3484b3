"""Wrong: measure_latency accepts repeats = 0 (and then has no timing to return).

Fails: latency
Says: repeats
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            "    if repeats < 1:\n"
            '        raise ValueError(f"repeats must be at least 1, got {repeats}")\n',
            "",
        ),
    ],
)
