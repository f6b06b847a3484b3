"""Wrong: blobs gives the box as its two corners (x0, y0, x1, y1).

Fails: measured
Says: width, height
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "(x, y, width, height))",
            "(x, y, x + width, y + height))",
        ),
    ],
)
