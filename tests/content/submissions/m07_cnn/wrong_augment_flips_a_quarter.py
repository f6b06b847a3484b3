"""Wrong: a flip happens with probability 1/4, not 1/2.

Fails: augment_random
Says: flipped
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("< 0.5)", "< 0.25)"),
    ],
)
