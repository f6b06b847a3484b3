"""Wrong: colour_mask compares the 8-bit saturation and value (0 to 255) with
minimums given from 0 to 1, so almost every pixel passes them.

Fails: colour
Says: saturation
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
                "    hue = hsv[..., 0] * 2.0\n"
                "    saturation, value = hsv[..., 1], hsv[..., 2]"
            ),
        ),
    ],
)
