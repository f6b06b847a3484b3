"""Wrong: blobs drops a region of exactly min_area pixels.

Fails: measured
Says: at least min_area
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "if area >= min_area:",
            "if area > min_area:",
        ),
    ],
)
