"""Wrong: measure_latency returns milliseconds.

Fails: latency
Says: PER CALL
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            "    return statistics.median(times)",
            "    return 1000 * statistics.median(times)",
        ),
    ],
)
