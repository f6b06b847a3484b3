"""Wrong: clean opens but never closes.

Fails: morphology
Says: closing
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "closed = cv2.morphologyEx(opened, cv2.MORPH_CLOSE, footprint)",
            "closed = opened",
        ),
    ],
)
