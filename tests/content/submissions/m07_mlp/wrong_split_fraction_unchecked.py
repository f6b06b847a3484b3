"""Wrong: a valid_fraction of 0 or 1 is accepted and gives an empty part.

Fails: split
Says: expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "if not 0.0 < valid_fraction < 1.0:",
            "if False:",
        ),
    ],
)
