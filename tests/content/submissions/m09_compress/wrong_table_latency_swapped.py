"""Wrong: compare swaps the two latencies.

Fails: table_latency
Says: 256 images take longer
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            '"latency_1_s": measure_latency(predict, inputs[:1], repeats),',
            '"latency_1_s": measure_latency(predict, inputs[:256], repeats),',
        ),
        (
            '"latency_256_s": measure_latency(predict, inputs[:256], repeats),',
            '"latency_256_s": measure_latency(predict, inputs[:1], repeats),',
        ),
    ],
)
