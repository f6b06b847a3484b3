"""Wrong: measure_latency returns a typed-in figure without timing anything.

Fails: latency
Says: calls
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            (
                "    predict(batch)  # warm-up: first calls allocate buffers\n"
                "    times = []\n"
                "    for _ in range(repeats):\n"
                "        start = time.perf_counter()\n"
                "        predict(batch)\n"
                "        times.append(time.perf_counter() - start)\n"
                "    return statistics.median(times)"
            ),
            "    return 0.0001",
        ),
    ],
)
