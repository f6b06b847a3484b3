"""Wrong: the width and height are divided by the cell size, not the image size.

Fails: encode_targets
Says: encode_targets(boxes, width / image_size
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        (
            "[1.0, x / cell - j, y / cell - i, (x2 - x1) / image_size, (y2 - y1) / image_size]",
            "[1.0, x / cell - j, y / cell - i, (x2 - x1) / cell, (y2 - y1) / cell]",
        )
    ],
)
