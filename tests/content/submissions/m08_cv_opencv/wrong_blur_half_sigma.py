"""Wrong: blur treats sigma as the diameter of the bell and halves it.

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
            "return cv2.GaussianBlur(gray, (size, size), sigma / 2)",
        ),
    ],
)
