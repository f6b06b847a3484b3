"""Wrong (a look-ahead): each window's inputs end one month after its origin, at t + 1.

Fails: make_windows
Says: the inputs, ending at t
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "past = origins[:, None] + np.arange(-window + 1, 1)",
            "past = origins[:, None] + np.arange(-window + 2, 2)",
        )
    ],
)
