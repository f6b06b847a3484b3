"""Wrong: NMS runs over all the boxes at once, so a box of one label removes a box of another.

Fails: decode
Says: decode(raw outputs, the number of detections, within each label
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        ("mine = keep[labels[keep] == k]", "mine = keep if k == labels[keep][0] else keep[:0]")
    ],
)
