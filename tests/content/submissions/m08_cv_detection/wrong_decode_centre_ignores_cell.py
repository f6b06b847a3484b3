"""Wrong: the centre forgets the cell's column and row: every box sits in the top-left cell.

Fails: decode
Says: decode(raw outputs (4, 4, 8), image_size=32)
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-detection",
    globals(),
    replace=[
        (
            "x = (columns + torch.sigmoid(values[..., 1])) * cell",
            "x = torch.sigmoid(values[..., 1]) * cell",
        )
    ],
)
