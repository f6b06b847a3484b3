"""Wrong: the union is the sum of the two areas, the intersection counted twice.

Fails: iou_matches_pycocotools
Says: iou(boxes, area(a_i
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        (
            "union = area_a[:, None] + area_b[None, :] - inter",
            "union = area_a[:, None] + area_b[None, :]",
        )
    ],
)
