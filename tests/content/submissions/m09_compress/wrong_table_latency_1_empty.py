"""Wrong: compare times its batch-1 latency on an empty slice (no input at all).

Fails: table_latency
Says: called on batches of
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            '"latency_1_s": measure_latency(predict, inputs[:1], repeats),',
            '"latency_1_s": measure_latency(predict, inputs[:0], repeats),',
        )
    ],
)
