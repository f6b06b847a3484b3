"""Wrong: colour_mask compares OpenCV's 8-bit hue (degrees halved, 0 to 179) with
bounds in degrees.

Fails: colour
Says: degrees
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                "hsv = cv2.cvtColor(rgb.astype(np.float32) / 255.0, cv2.COLOR_RGB2HSV)\n"
                "    hue, saturation, value = hsv[..., 0], hsv[..., 1], hsv[..., 2]"
            ),
            (
                "hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)\n"
                "    hue = hsv[..., 0].astype(np.float64)\n"
                "    saturation, value = hsv[..., 1] / 255.0, hsv[..., 2] / 255.0"
            ),
        ),
    ],
)
