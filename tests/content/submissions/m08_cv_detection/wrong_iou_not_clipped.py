"""Wrong: the intersection's sides are not clipped at 0, so two boxes apart overlap.

Fails: iou_matches_pycocotools
Says: iou(boxes, apart
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        ("sides = np.clip(bottom_right - top_left, 0.0, None)", "sides = bottom_right - top_left")
    ],
)
