"""Wrong: to_gray checks the shape but not the dtype: a float image reaches OpenCV.

Fails: errors
Says: float64
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            '    _require(rgb, "to_gray", channels=3)\n    return cv2.cvtColor',
            (
                "    if rgb.ndim != 3 or rgb.shape[2] != 3:\n"
                "        raise ValueError(f'to_gray: expected shape (height, width, 3), got "
                "{rgb.shape}')\n"
                "    return cv2.cvtColor"
            ),
        ),
    ],
)
