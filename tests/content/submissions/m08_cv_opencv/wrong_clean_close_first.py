"""Wrong: clean closes first and opens after: specks near each other merge before
the opening can remove them.

Fails: morphology
Says: opening
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            (
                "opened = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_OPEN, footprint)\n"
                "    closed = cv2.morphologyEx(opened, cv2.MORPH_CLOSE, footprint)"
            ),
            (
                "opened = cv2.morphologyEx(mask.astype(np.uint8), cv2.MORPH_CLOSE, footprint)\n"
                "    closed = cv2.morphologyEx(opened, cv2.MORPH_OPEN, footprint)"
            ),
        ),
    ],
)
