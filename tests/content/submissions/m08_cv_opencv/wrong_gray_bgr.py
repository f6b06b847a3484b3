"""Wrong: to_gray converts as if the image were BGR (cv2.imread's order), so red and
blue trade weights.

Fails: gray
Says: pure red, RGB
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)",
            "cv2.cvtColor(rgb, cv2.COLOR_BGR2GRAY)",
        ),
    ],
)
