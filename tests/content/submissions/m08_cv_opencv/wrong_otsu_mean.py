"""Wrong: otsu thresholds at the mean grey level, not Otsu's.

Fails: threshold
Says: threshold_otsu
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "threshold, binary = cv2.threshold(gray, 0, 255, cv2.THRESH_BINARY | cv2.THRESH_OTSU)",
            "threshold, binary = cv2.threshold(gray, float(gray.mean()), 255, cv2.THRESH_BINARY)",
        ),
    ],
)
