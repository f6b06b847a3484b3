"""Wrong: blur averages a square window (cv2.blur) instead of weighting it by a
Gaussian.

Fails: gaussian
Says: Gaussian
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return cv2.GaussianBlur(gray, (size, size), sigma)",
            "return cv2.blur(gray, (size, size))",
        ),
    ],
)
