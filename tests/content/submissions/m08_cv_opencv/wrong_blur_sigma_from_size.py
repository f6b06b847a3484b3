"""Wrong: blur passes sigma=0, so OpenCV derives sigma from the kernel size: a
wider bell than the one asked for.

Fails: gaussian
Says: expected
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return cv2.GaussianBlur(gray, (size, size), sigma)",
            "return cv2.GaussianBlur(gray, (size, size), 0)",
        ),
    ],
)
