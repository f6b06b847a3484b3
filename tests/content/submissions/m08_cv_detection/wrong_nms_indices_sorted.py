"""Wrong: the kept indices come back in increasing order, not best score first.

Fails: nms_keeps_the_right_boxes
Says: nms(30 boxes, best score first
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        ("return np.array(kept, dtype=np.int64)", "return np.array(sorted(kept), dtype=np.int64)")
    ],
)
