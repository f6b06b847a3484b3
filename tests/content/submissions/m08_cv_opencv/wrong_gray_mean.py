"""Wrong: to_gray averages the three channels instead of weighting them as the eye
does.

Fails: gray
Says: pure red
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "return cv2.cvtColor(rgb, cv2.COLOR_RGB2GRAY)",
            "return np.rint(rgb.mean(axis=2)).astype(np.uint8)",
        ),
    ],
)
