"""Wrong: disk is OpenCV's MORPH_ELLIPSE, which rounds the ends of its rows outward.

Fails: footprint
Says: MORPH_ELLIPSE
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                "    y, x = np.mgrid[-radius : radius + 1, -radius : radius + 1]\n"
                "    footprint: Image = (x * x + y * y <= radius * radius).astype(np.uint8)\n"
            ),
            (
                "    size = (2 * radius + 1, 2 * radius + 1)\n"
                "    footprint: Image = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, size)\n"
            ),
        ),
    ],
)
