"""Wrong: colour_mask converts as if the image were BGR, so reds read as blues.

Fails: colour
Says: scikit-image's HSV
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "cv2.COLOR_RGB2HSV",
            "cv2.COLOR_BGR2HSV",
        ),
    ],
)
