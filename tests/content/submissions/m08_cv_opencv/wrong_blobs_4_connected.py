"""Wrong: blobs joins only pixels that share a side (4-connectivity).

Fails: measured
Says: 8-connected
"""

from __future__ import annotations

from tests.content.submissions._solution import run_solution

run_solution(
    "m08-cv-opencv",
    globals(),
    replace=[
        (
            "mask.astype(np.uint8), connectivity=8",
            "mask.astype(np.uint8), connectivity=4",
        ),
    ],
)
