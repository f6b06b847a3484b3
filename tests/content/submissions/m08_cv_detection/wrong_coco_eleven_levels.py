"""Wrong: COCO's interpolation at 11 recall levels (VOC 2007's), not 101.

Fails: ap_coco_matches_pycocotools
Says: interpolation='coco', np.linspace(0, 1, 101)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("levels = np.linspace(0.0, 1.0, 101)", "levels = np.linspace(0.0, 1.0, 11)")],
)
