"""Wrong: the last origin's last target is the month `stop`, one past the part.

Fails: make_windows
Says: returned shapes, in [0, 40)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-sequence",
    globals(),
    replace=[
        (
            "origins = np.arange(max(window - 1, start - 1), stop - horizon, dtype=np.int64)",
            "origins = np.arange(max(window - 1, start - 1), stop - horizon + 1, dtype=np.int64)",
        )
    ],
)
