"""Wrong: otsu returns OpenCV's 0/255 uint8 image as the mask.

Fails: threshold
Says: uint8, bool
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return int(threshold), binary > 0",
            "return int(threshold), binary",
        ),
    ],
)
