"""Wrong: compare scores each variant on the first 256 inputs only (the latency batch).

Fails: table_figures
Says: accuracy
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            "float((logits.argmax(axis=1) == np.asarray(labels)).mean())",
            "float((logits[:256].argmax(axis=1) == np.asarray(labels)[:256]).mean())",
        ),
    ],
)
