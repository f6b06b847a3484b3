"""Wrong: the most confident predictions are returned, right or wrong.

Fails: mistakes
Says: right predictions
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m07-cnn",
    globals(),
    replace=[
        ("wrong = np.flatnonzero(predicted != true)", "wrong = np.arange(len(true))"),
    ],
)
