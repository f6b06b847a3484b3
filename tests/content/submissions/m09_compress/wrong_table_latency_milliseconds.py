"""Wrong: compare reports latencies in milliseconds under the _s keys.

Fails: table_latency
Says: seconds per call
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            '"latency_256_s": measure_latency(predict, inputs[:256], repeats),',
            '"latency_256_s": 1000 * measure_latency(predict, inputs[:256], repeats),',
        ),
        (
            '"latency_1_s": measure_latency(predict, inputs[:1], repeats),',
            '"latency_1_s": 1000 * measure_latency(predict, inputs[:1], repeats),',
        ),
    ],
)
