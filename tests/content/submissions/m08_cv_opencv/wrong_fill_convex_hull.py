"""Wrong: fill_holes fills each region's convex hull, which also fills bays open to
the outside.

Fails: holes
Says: binary_fill_holes
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "cv2.drawContours(filled, contours, -1, color=1, thickness=cv2.FILLED)",
            (
                "cv2.drawContours(filled, [cv2.convexHull(c) for c in contours], -1, "
                "color=1, thickness=cv2.FILLED)"
            ),
        ),
    ],
)
