"""Wrong: to_gray passes any array to OpenCV, whose error is a C++ assertion.

Fails: errors
Says: ValueError
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            '    _require(rgb, "to_gray", channels=3)\n    return cv2.cvtColor',
            "    return cv2.cvtColor",
        ),
    ],
)
