"""Wrong: NMS walks the boxes from the lowest score up.

Fails: nms_keeps_the_right_boxes
Says: nms(30 boxes, best-scoring box
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        (
            'order = np.argsort(-score, kind="stable")\n    overlaps = iou(array, array)',
            'order = np.argsort(score, kind="stable")\n    overlaps = iou(array, array)',
        )
    ],
)
