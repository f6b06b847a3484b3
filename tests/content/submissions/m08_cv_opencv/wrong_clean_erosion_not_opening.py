"""Wrong: clean erodes where it should open (no dilation after the erosion),
then closes: every region shrinks.

Fails: morphology
Says: differ
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "opened = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, footprint)",
            "opened = cv2.erode(mask.astype(np.uint8), footprint)",
        ),
    ],
)
