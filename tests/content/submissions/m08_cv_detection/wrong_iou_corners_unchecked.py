"""Wrong: iou accepts a box whose x2 is left of its x1.

Fails: bad_input
Says: iou([[10, 0, 0, 10]], ...), expected it to raise ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        (
            "if np.any(array[:, 2] < array[:, 0]) or np.any(array[:, 3] < array[:, 1]):",
            "if np.any(array[:, 3] < array[:, 1]):",
        )
    ],
)
