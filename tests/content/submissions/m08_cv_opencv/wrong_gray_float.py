"""Wrong: to_gray returns the weighted sum as float64, not rounded to uint8.

Fails: gray
Says: dtype float64
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)",
            "return rgb.astype(np.float64) @ np.array([0.299, 0.587, 0.114])",
        ),
    ],
)
