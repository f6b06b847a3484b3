"""Wrong: measure_latency times repeats - 1 calls.

Fails: latency
Says: warm-up
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[("    for _ in range(repeats):\n", "    for _ in range(repeats - 1):\n")],
)
