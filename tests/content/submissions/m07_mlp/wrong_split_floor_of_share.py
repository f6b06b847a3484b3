"""Wrong: the validation part takes the wrong share: n * valid_fraction of the training part's size.

Fails: split
Says: validation indices
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-mlp",
    globals(),
    replace=[
        (
            "n_valid = round(n * valid_fraction)",
            "n_valid = round(n * valid_fraction * (1 - valid_fraction))",
        ),
    ],
)
