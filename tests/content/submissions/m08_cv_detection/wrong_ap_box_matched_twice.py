"""Wrong: a ground truth box can be taken by several detections (duplicates count as hits).

Fails: ap_all_point
Says: average_precision(12 images, unmatched
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[("candidates = np.where(taken, -1.0, overlaps[d])", "candidates = overlaps[d]")],
)
