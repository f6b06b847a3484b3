"""Wrong: otsu returns the dark pixels (THRESH_BINARY_INV): the background, not the
coins.

Fails: threshold
Says: brighter than the threshold
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "cv2.THRESH_BINARY | cv2.THRESH_OTSU",
            "cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU",
        ),
    ],
)
