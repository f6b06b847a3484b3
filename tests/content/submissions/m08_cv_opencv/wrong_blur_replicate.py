"""Wrong: blur repeats the edge pixel at the border (BORDER_REPLICATE) instead of
OpenCV's default reflection.

Fails: gaussian
Says: border
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return cv2.GaussianBlur(gray, (size, size), sigma)",
            "return cv2.GaussianBlur(gray, (size, size), sigma, borderType=cv2.BORDER_REPLICATE)",
        ),
    ],
)
