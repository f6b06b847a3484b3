"""Wrong: quantize stores the weights as float16: two bytes a weight, not one.

Fails: quantizing
Says: smaller
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m09-compress",
    globals(),
    replace=[
        (
            "{nn.Linear}, dtype=torch.qint8",
            "{nn.Linear}, dtype=torch.float16",
        ),
    ],
)
