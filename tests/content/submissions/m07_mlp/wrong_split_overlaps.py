"""Wrong: the training part starts one index early, so one image is in both parts.

Fails: split
Says: in both parts
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "return order[n_valid:], order[:n_valid]",
            "return order[n_valid - 1 :], order[:n_valid]",
        ),
    ],
)
